/**
 * Demo case studies: hand-written, one or two per member of the demo accounts and the conflict
 * showcase (db/seed.ts), each about the author's own company. Published ones carry votes and a
 * few comments from generated members the policy lets meet the author. Deterministic: fixed ids,
 * fixed timestamps (offsets back from the seed's base time) and the policy evaluated at a fixed
 * date.
 *
 * Seen by Maya Chen (member@crossroads.test): her own studies in three states (published,
 * changes requested, draft); Hannah Brooks' published study (Meadowbrook Market, same industry
 * group) is for non-conflicted readers, so it never appears for Maya; Diego Alvarez's
 * (Tidewater Corner Stores, also a grocer) is shared with all members, so Maya reads it.
 */
import { inArray, sql } from 'drizzle-orm'
import type { budgetBands, caseStudyChannels, caseStudyObjectives } from '../app/features/case-studies/options.ts'
import type { CaseStudyStatus } from '../app/features/case-studies/workflow.ts'
import type { AppDatabase } from './client.ts'
import { conflictFreePairs } from './seed-policy.ts'
import {
	caseStudies,
	caseStudyChannels as studyChannels,
	caseStudyComments,
	caseStudyMetrics,
	caseStudyTags,
	caseStudyVotes,
	companies,
	companySectorCodes,
	memberProfiles,
	users,
} from './schema.ts'

type SeedComment = { body: string; by?: 'demo-member'; replies?: readonly { body: string; byAuthor?: boolean }[] }

type SeedStudy = {
	/** The author's company: the author is its member in the seed, the brand is the company unless given. */
	company: string
	brand?: string
	status: CaseStudyStatus
	readers: 'non-conflicted' | 'all'
	title: string
	objective: (typeof caseStudyObjectives)[number]
	targetAudience: string
	channels: readonly (typeof caseStudyChannels)[number][]
	startedOn: string
	endedOn: string | null
	budgetBand: (typeof budgetBands)[number]
	summary: string
	body: string
	learnings: string
	tags: readonly string[]
	metrics: readonly { label: string; before: number; after: number; unit: string }[]
	/** Days before the base time it was last submitted (and published a few days later). */
	daysAgo: number
	votes?: number
	reviewNote?: string
	comments?: readonly SeedComment[]
}

export const seededStudies: readonly SeedStudy[] = [
	{
		company: 'Northwind Provisions',
		status: 'published',
		readers: 'non-conflicted',
		title: 'From punch card to 4 million loyalty members in three years',
		objective: 'retention',
		targetAudience:
			'Weekly grocery shoppers in our 212 stores, especially families who split their shop across two chains',
		channels: ['email-crm', 'in-store', 'social', 'retail-media'],
		startedOn: '2022-02',
		endedOn: '2025-01',
		budgetBand: '2m-10m',
		summary:
			'We replaced a paper punch card with an app-first program built on personal offers, not points. Members now drive 71% of sales, and the offer engine funds itself through supplier-paid retail media.',
		body: `## The challenge

Our punch card rewarded people for shopping with us, but it told us nothing about them. Two in three families in our catchment split their weekly shop with a discounter, and we could not see which baskets we were losing.

## What we did

- **Personal offers instead of points.** Every member gets ten offers a week, picked from their own basket history. No points to count, no tiers to explain.
- **The app as the card.** The barcode lives in the app; paper cards were retired store by store, with staff at the door for the first two weeks.
- **Supplier-funded offers.** Brands pay to put an offer in front of the shoppers most likely to switch to them. That budget now funds most of the program.

## What happened

Enrolment passed 1 million in the first nine months. The hard part came after: the first offer engine optimised for redemption, so it kept discounting what people would have bought anyway. We rebuilt it to optimise for incremental margin, measured with a 10% holdout that never gets offers.

| Year | Members | Share of sales |
| --- | --- | --- |
| 2022 | 1.1M | 38% |
| 2023 | 2.6M | 57% |
| 2024 | 4.0M | 71% |`,
		learnings: `- **Start with the holdout on day one.** We spent a year celebrating redemptions that were not incremental.
- Staff at the door mattered more than any ad: the stores that staffed the switchover enrolled twice as fast.
- I would have priced supplier offers per incremental sale from the start, instead of a flat fee we later had to unwind.`,
		tags: ['loyalty', 'first-party-data', 'retail-media', 'app'],
		metrics: [
			{ label: 'Loyalty members', before: 0.3, after: 4, unit: 'M' },
			{ label: 'Share of sales from members', before: 12, after: 71, unit: '%' },
			{ label: 'Visits per member per month', before: 3.1, after: 4.4, unit: 'visits' },
		],
		daysAgo: 190,
		votes: 14,
		comments: [
			{
				body: 'How did you convince suppliers to pay for incremental sales rather than impressions? Our category managers push back hard on anything they cannot see in a dashboard the next morning.',
				replies: [
					{
						body: 'We gave them the dashboard! Every supplier sees their own holdout results weekly. The first three brands who saw a clean lift became our best salespeople.',
						byAuthor: true,
					},
					{ body: 'Same experience in pharmacy retail. The holdout report is the product.' },
				],
			},
			{ body: 'The staffing point is underrated. We saw the same with self-checkout adoption.' },
		],
	},
	{
		company: 'Meadowbrook Market',
		status: 'published',
		readers: 'non-conflicted',
		title: 'Turning the weekly circular into a personalized app feed',
		objective: 'consideration',
		targetAudience: 'Regular shoppers who planned their week around the printed circular',
		channels: ['email-crm', 'direct-mail', 'in-store'],
		startedOn: '2023-04',
		endedOn: '2024-06',
		budgetBand: '500k-2m',
		summary:
			'We cut the printed circular by 80% and replaced it with a personalized feed in the app and email. Basket size went up, print costs fell by $3.1M a year, and older shoppers did not leave.',
		body: `## Why we touched the circular

The circular was our biggest marketing cost and our most loved habit. Shoppers planned meals around it. But 70% of its pages were the same for every store and every household.

## The approach

1. **Test in four stores first**, with the printed version still available at the door.
2. **Keep the Thursday ritual.** The feed lands at 6 a.m. every Thursday, the day the paper used to arrive.
3. **A printed version on request**, mailed to anyone who asks. About 9% still do, and that is fine.

## Results

The personalised feed lifted basket size by 6% in test stores against matched controls, and print and distribution costs fell by $3.1M a year once rolled out.`,
		learnings: `- Ask the shoppers who love the circular to help design its replacement. Our panel of 40 circular fans found problems no dashboard would have shown.
- We underestimated how long store managers needed to trust the data on what to stock for featured items.`,
		tags: ['personalization', 'crm', 'print', 'grocery'],
		metrics: [
			{ label: 'Average basket', before: 48.2, after: 51.1, unit: '$' },
			{ label: 'Printed circulars', before: 1.9, after: 0.38, unit: 'M per week' },
			{ label: 'Email open rate', before: 19, after: 34, unit: '%' },
		],
		daysAgo: 150,
		votes: 9,
	},
	{
		company: 'Tidewater Corner Stores',
		status: 'published',
		readers: 'all',
		title: 'In-store retail media screens that paid for themselves in 11 months',
		objective: 'acquisition',
		targetAudience: 'Suppliers of snacks, drinks and food-to-go; commuters buying on the go',
		channels: ['retail-media', 'in-store', 'partnerships'],
		startedOn: '2023-09',
		endedOn: '2024-08',
		budgetBand: '2m-10m',
		summary:
			'We put screens above 900 checkouts and sold the slots to our suppliers with sales-lift reporting. The network paid back in 11 months and now funds our loyalty app.',
		body: `## The bet

Convenience stores have seconds of attention, at the counter. We thought that moment was worth more to our suppliers than another endcap.

## How we built it

- **Screens at the checkout only**, not across the store: one place, measured well.
- **Sold by daypart.** Coffee brands buy 6–10 a.m.; energy drinks buy the afternoon.
- **Reporting tied to loyalty data**, so each campaign shows lift against stores without it.

## What we learned in year one

Sales lift was strongest for new products (up to 22%) and weakest for brands everyone already knows. We now price launches higher and offer established brands cheaper, longer flights.`,
		learnings: `- We launched with too many advertisers at once; rotation diluted every message. Fewer, longer flights perform better.
- Involve store staff: screens facing the cashier became a complaint until we dimmed them between customers.`,
		tags: ['retail-media', 'convenience', 'supplier-partnerships'],
		metrics: [
			{ label: 'Retail media revenue a year', before: 0, after: 6.4, unit: '$M' },
			{ label: 'Sales lift, new products', before: 0, after: 22, unit: '%' },
			{ label: 'Payback', before: 24, after: 11, unit: 'months' },
		],
		daysAgo: 120,
		votes: 11,
		comments: [
			{
				body: 'Daypart pricing is clever. Did you see cannibalisation between brands in the same daypart?',
				replies: [
					{ body: 'Some, in coffee. We now sell category exclusivity per daypart at a premium.', byAuthor: true },
				],
			},
		],
	},
	{
		company: 'Helix Analytics',
		status: 'published',
		readers: 'all',
		title: 'A product-led community that replaced half our paid search',
		objective: 'acquisition',
		targetAudience: 'Data analysts and analytics engineers at companies with 50–5,000 employees',
		channels: ['content', 'events', 'social', 'search'],
		startedOn: '2023-01',
		endedOn: null,
		budgetBand: '500k-2m',
		summary:
			'We moved budget from paid search into a practitioner community with office hours, templates and a yearly meetup. Community-sourced sign-ups now cost a third of paid ones and convert better.',
		body: `## Starting point

Paid search brought 60% of our trials at a rising cost per click, and those trials converted at 4%.

## What we built

- **Weekly office hours** run by our own analysts, not marketers.
- **A template gallery** where members publish dashboards; every template links back to a free workspace.
- **Helix Live**, a one-day meetup in three cities, free for members.

## Results after two years

Community members who start a trial convert at 11%. We cut paid search by half without losing trial volume.`,
		learnings: `- Hire a community lead from the practitioners you serve. Our first hire came from events and ran it like a conference.
- Measure community with cohorts, not attribution. Last-click gave it almost no credit for a year.`,
		tags: ['community', 'plg', 'b2b-saas', 'content'],
		metrics: [
			{ label: 'Trial to paid conversion', before: 4, after: 11, unit: '%' },
			{ label: 'Cost per trial', before: 310, after: 105, unit: '$' },
			{ label: 'Share of trials from paid search', before: 60, after: 28, unit: '%' },
		],
		daysAgo: 100,
		votes: 12,
	},
	{
		company: 'Fjordstone Bank',
		status: 'published',
		readers: 'non-conflicted',
		title: 'Rebranding a bank through a merger without losing trust',
		objective: 'repositioning',
		targetAudience: 'Existing customers of both banks, and young professionals in the Nordics',
		channels: ['tv', 'out-of-home', 'email-crm', 'pr'],
		startedOn: '2022-09',
		endedOn: '2023-12',
		budgetBand: 'over-10m',
		summary:
			'Two banks, two loyal customer bases, one new name. We told customers first and changed the signs last, and consideration among under-35s rose by 9 points.',
		body: `## The situation

Our merger with a Norwegian savings bank made us the third-largest bank in the region, and gave us a name nobody had heard of.

## Principles we kept

1. **Customers before the press.** Every customer got a letter, an app message and a call offer before any advertising ran.
2. **Nothing changes on day one** except the logo: same accounts, same cards, same advisers.
3. **Advertising about people, not the merger.** Our campaign showed advisers in their own towns.

## What happened

Customer churn during the transition stayed at 1.2%, below the 3% we had planned for. Consideration among under-35s rose from 14% to 23%.`,
		learnings: `- We spent too long on the name and too little on the first 90 days of service. Service issues, not the name, drove most complaints.
- Regulators appreciated being briefed before the brand team; do it earlier than feels necessary.`,
		tags: ['rebranding', 'mergers', 'financial-services', 'trust'],
		metrics: [
			{ label: 'Consideration, under-35s', before: 14, after: 23, unit: '%' },
			{ label: 'Customer churn during transition', before: 3, after: 1.2, unit: '%' },
			{ label: 'Brand awareness', before: 31, after: 64, unit: '%' },
		],
		daysAgo: 80,
		votes: 8,
	},
	{
		company: 'Helix Insights',
		status: 'published',
		readers: 'all',
		title: 'The annual trends report that became our biggest source of clients',
		objective: 'consideration',
		targetAudience: 'Heads of insight and brand directors at consumer companies in Europe',
		channels: ['content', 'pr', 'events', 'email-crm'],
		startedOn: '2023-03',
		endedOn: '2024-02',
		budgetBand: '100k-500k',
		summary:
			'We turned a 90-page PDF nobody finished into a 12-page report, a podcast series and a roadshow. Inbound briefs doubled and the report now sources 40% of new clients.',
		body: `## Before

The report was thorough and unread: 90 pages, 4,000 downloads, no follow-up.

## What changed

- **Twelve pages, six trends,** each with one chart and one "so what".
- **A roadshow in five cities** where clients presented how they used last year's trends.
- **A six-episode podcast** with the people behind the data.

## Results

Downloads quadrupled, and every download became a conversation: the report is gated behind a 20-minute briefing call we offer, not a form.`,
		learnings: `- Cutting the report hurt our researchers. Publishing the full data set separately made the short version possible.
- The roadshow cost more than we planned; co-hosting with clients halved venue costs in year two.`,
		tags: ['thought-leadership', 'content', 'b2b', 'research'],
		metrics: [
			{ label: 'Report downloads', before: 4000, after: 16500, unit: '' },
			{ label: 'Inbound briefs per quarter', before: 22, after: 47, unit: '' },
			{ label: 'Share of new clients from the report', before: 12, after: 40, unit: '%' },
		],
		daysAgo: 70,
		votes: 7,
	},
	{
		company: 'Fjordstone Properties',
		status: 'published',
		readers: 'non-conflicted',
		title: 'A free home-valuation tool as our main source of listings',
		objective: 'acquisition',
		targetAudience: 'Homeowners in Norway and Sweden thinking of selling in the next two years',
		channels: ['search', 'social', 'email-crm', 'content'],
		startedOn: '2022-05',
		endedOn: '2024-05',
		budgetBand: '500k-2m',
		summary:
			'An instant online valuation, followed by a visit from a local agent. It now brings in 45% of our listings at a fifth of the cost of portal advertising.',
		body: `## Idea

People check what their home is worth long before they call an agent. We wanted to be there first.

## Execution

- An **instant estimate** from public sales data, with an honest range, not a single number.
- A **monthly update email** on what similar homes sold for.
- An **agent visit** offered only when the homeowner asks for a precise valuation.

## Outcome

Within two years the tool produced 45% of new listings. Cost per listing fell from 9,800 kr to 1,900 kr.`,
		learnings: `- Publishing a range instead of a number cost us clicks at first, but built trust: agents found owners better prepared.
- We should have involved agents in the email content earlier; their local notes doubled click-through.`,
		tags: ['lead-generation', 'real-estate', 'seo', 'crm'],
		metrics: [
			{ label: 'Listings from the tool', before: 5, after: 45, unit: '%' },
			{ label: 'Cost per listing', before: 9800, after: 1900, unit: 'kr' },
		],
		daysAgo: 60,
		votes: 6,
	},
	{
		company: 'Tallgrass Pet Foods',
		status: 'published',
		readers: 'non-conflicted',
		title: 'Building a 200,000-member owners’ club with breeders and vets',
		objective: 'retention',
		targetAudience: 'New puppy and kitten owners, reached through breeders and veterinary clinics',
		channels: ['partnerships', 'email-crm', 'content', 'events'],
		startedOn: '2023-06',
		endedOn: null,
		budgetBand: '500k-2m',
		summary:
			'Instead of buying reach, we asked breeders and vets to welcome new owners into a club with advice, not discounts. Members buy 2.3 times more and stay twice as long.',
		body: `## Why a club

Pet food is bought on habit. The habit forms in the first weeks with a new animal, when owners trust their breeder and vet more than any brand.

## What the club offers

- A **first-year guide**, week by week, written with vets.
- **Local walks and puppy classes** run by members.
- **Breeder and clinic kits** with a starter bag and a club card.

## Results so far

The club has 200,000 members. Members' twelve-month retention is 78%, against 39% for other buyers.`,
		learnings: `- Discounts attracted the wrong members in the pilot. Advice kept the right ones.
- Paying breeders per sign-up created pressure; a flat partner fee works better and keeps trust.`,
		tags: ['community', 'partnerships', 'loyalty', 'pet-care'],
		metrics: [
			{ label: 'Club members', before: 0, after: 200, unit: 'k' },
			{ label: '12-month retention', before: 39, after: 78, unit: '%' },
			{ label: 'Spend per member vs non-member', before: 1, after: 2.3, unit: 'x' },
		],
		daysAgo: 45,
		votes: 10,
		comments: [
			{
				by: 'demo-member',
				body: 'We saw the same with discounts attracting the wrong members in our loyalty pilot. How do you keep the content fresh for people in their second year?',
				replies: [
					{
						body: 'Year two is about health milestones and older-dog nutrition. Vets write most of it now.',
						byAuthor: true,
					},
				],
			},
		],
	},
	{
		company: 'Quillon Payments',
		status: 'published',
		readers: 'non-conflicted',
		title: 'Partner marketing that halved our cost of acquiring merchants',
		objective: 'acquisition',
		targetAudience: 'Small and mid-sized merchants in Germany, Austria and Switzerland',
		channels: ['partnerships', 'events', 'email-crm'],
		startedOn: '2023-02',
		endedOn: '2024-03',
		budgetBand: '100k-500k',
		summary:
			'We stopped competing for merchants one by one and partnered with the accountants and shop-software vendors they already trust. CAC fell by 52%.',
		body: `## Context

Merchants choose payment providers on the advice of their accountant or their shop-software vendor.

## Programme

- **Co-marketing kits** for 40 partners: webinars, landing pages, a revenue share.
- **A partner portal** showing each partner their referrals and commissions live.
- **Quarterly partner days** in Zurich, Vienna and Munich.

## Results

Partner-sourced merchants rose to 58% of new sign-ups, with a 52% lower CAC and 20% lower churn in the first year.`,
		learnings: `- Ten active partners outperform a hundred passive ones. We cut the programme to the partners who co-hosted at least one event.
- Live commission reporting was the single feature partners cared about most.`,
		tags: ['partnerships', 'fintech', 'b2b', 'channel-marketing'],
		metrics: [
			{ label: 'Customer acquisition cost', before: 1450, after: 690, unit: '€' },
			{ label: 'New merchants from partners', before: 14, after: 58, unit: '%' },
		],
		daysAgo: 35,
		votes: 5,
	},
	{
		company: 'Skylark Airways',
		status: 'published',
		readers: 'non-conflicted',
		title: 'Rebuilding a frequent-flyer program around status, not points',
		objective: 'retention',
		targetAudience: 'Business travellers flying 6 to 20 times a year on domestic routes',
		channels: ['email-crm', 'partnerships', 'online-video'],
		startedOn: '2024-01',
		endedOn: null,
		budgetBand: '2m-10m',
		summary:
			'Members told us points felt worthless and status felt out of reach. We made status reachable in five flights and made it visible at every step. Repeat bookings rose by 18%.',
		body: `## Problem

Our program had 3 million members and almost no loyalty: points expired before most people could redeem them.

## Changes

- **Status in five flights,** not twenty-five.
- **Status that shows:** priority boarding, named greetings on board, a different app colour.
- **Partners that matter** to business travellers: hotels and rail, not shopping malls.

## Early results

Twelve months in, repeat bookings among members are up 18% and share of wallet on competitive routes is up 7 points.`,
		learnings: `- We underestimated the cost of lounge access at lower tiers. Day passes would have been a cheaper first benefit.
- Cabin crew training made the biggest difference to how status felt. Budget for it from the start.`,
		tags: ['loyalty', 'travel', 'customer-experience'],
		metrics: [
			{ label: 'Repeat bookings', before: 100, after: 118, unit: 'index' },
			{ label: 'Share of wallet, competitive routes', before: 31, after: 38, unit: '%' },
		],
		daysAgo: 28,
		votes: 4,
	},
	{
		company: 'Roastwell Coffee',
		status: 'published',
		readers: 'non-conflicted',
		title: 'The coffee subscription that fixed our slow mornings',
		objective: 'pricing',
		targetAudience: 'Commuters within 500 metres of our stores who bought coffee elsewhere on weekdays',
		channels: ['social', 'in-store', 'email-crm'],
		startedOn: '2024-03',
		endedOn: '2024-11',
		budgetBand: 'under-100k',
		summary:
			'A flat monthly price for one coffee a day moved 14% of weekday customers to a subscription and filled the 7–8 a.m. dip, without cutting the price of a single cup.',
		body: `## Pricing problem

Our stores were busy at 8:30 and quiet at 7:15, with the same staff on shift.

## The offer

- **$29 a month, one coffee a day**, before 8 a.m. only at first, then any time.
- **No discount on single cups:** the subscription is the deal.
- **Sign-up at the till** in ten seconds, managed in the app.

## Results

Subscribers visit 3.4 times more often, and the 7–8 a.m. hour went from our weakest to our third-strongest.`,
		learnings: `- Restricting the first version to early mornings made it easy to test and easy to explain.
- Baristas need a one-line answer to "is it worth it?". We gave them one in week three; sign-ups doubled.`,
		tags: ['pricing', 'subscriptions', 'food-service'],
		metrics: [
			{ label: 'Weekday customers on subscription', before: 0, after: 14, unit: '%' },
			{ label: 'Visits per subscriber per week', before: 1.2, after: 4.1, unit: 'visits' },
			{ label: 'Sales, 7–8 a.m.', before: 100, after: 164, unit: 'index' },
		],
		daysAgo: 21,
		votes: 6,
	},
	{
		company: 'Saffron Stay Hotels',
		status: 'published',
		readers: 'all',
		title: 'Winning back direct bookings from the travel platforms',
		objective: 'acquisition',
		targetAudience: 'Leisure travellers who had booked one of our hotels through an online travel agency',
		channels: ['email-crm', 'search', 'social', 'content'],
		startedOn: '2023-10',
		endedOn: '2024-09',
		budgetBand: '500k-2m',
		summary:
			'We gave guests a reason to book direct that was not a lower price: a better room, a later checkout and a host who writes before arrival. Direct bookings rose from 31% to 46%.',
		body: `## The squeeze

Online travel agencies took 18% commission on two out of three bookings, and price parity rules stopped us from undercutting them.

## What we offered direct bookers

1. The **best available room** in their category.
2. **Checkout at 2 p.m.**
3. A **personal note from the host** a week before arrival, with local tips.

## Results

Direct share rose from 31% to 46% over a year, saving roughly $2.4M in commissions.`,
		learnings: `- Tell guests at check-out, not at booking: the best moment to win the next direct booking is the end of a good stay.
- We wasted the first quarter on paid search bidding wars with the platforms on our own brand name.`,
		tags: ['direct-booking', 'hospitality', 'crm'],
		metrics: [
			{ label: 'Direct bookings', before: 31, after: 46, unit: '%' },
			{ label: 'Commission saved a year', before: 0, after: 2.4, unit: '$M' },
		],
		daysAgo: 14,
		votes: 3,
	},
	{
		company: 'Northwind Logistics',
		status: 'published',
		readers: 'non-conflicted',
		title: 'Selling warehouse capacity like a software product',
		objective: 'launch',
		targetAudience: 'Operations leaders at direct-to-consumer brands shipping 5,000 to 100,000 orders a month',
		channels: ['search', 'content', 'events', 'email-crm'],
		startedOn: '2024-02',
		endedOn: '2024-12',
		budgetBand: '100k-500k',
		summary:
			'We launched third-party fulfilment with a public price calculator, a two-week free trial and account-based outreach. 64 brands signed in the first year.',
		body: `## Launch

Our warehouses ran at 70% capacity between peaks. We decided to sell the rest to other brands.

## Playbook

- **A public price calculator**: no "contact sales" for a quote.
- **A two-week trial** with 500 free orders.
- **Account-based outreach** to 400 named brands, with a personal video from the warehouse manager.

## Year one

64 brands signed, bringing utilisation to 88% outside the holiday peak.`,
		learnings: `- The calculator brought the leads; the warehouse tour closed them. We should have offered tours from day one.
- Our first pricing was too simple; brands with heavy items cost us money until we added a weight tier.`,
		tags: ['b2b', 'abm', 'logistics', 'product-launch'],
		metrics: [
			{ label: 'Warehouse utilisation off-peak', before: 70, after: 88, unit: '%' },
			{ label: 'Brands signed', before: 0, after: 64, unit: '' },
		],
		daysAgo: 10,
		votes: 2,
	},
	{
		company: 'Dashcart',
		status: 'submitted',
		readers: 'non-conflicted',
		title: 'The free-delivery pass that doubled order frequency',
		objective: 'retention',
		targetAudience: 'Customers who ordered groceries twice or more in their first month',
		channels: ['email-crm', 'social', 'online-video'],
		startedOn: '2024-04',
		endedOn: '2025-02',
		budgetBand: '2m-10m',
		summary:
			'A monthly pass for free delivery, offered after the second order, doubled order frequency among subscribers.',
		body: `## Offer

A $9.99 monthly pass with unlimited free delivery over $25, offered only after a customer's second order.

## Why after the second order

Customers who ordered twice were three times as likely to stay. Offering the pass earlier attracted bargain hunters who left after the free month.

## Results

Subscribers order 4.2 times a month, against 2.1 before.`,
		learnings: 'We should have tested the price point earlier; $7.99 converted better with almost no loss of margin.',
		tags: ['subscriptions', 'delivery', 'retention'],
		metrics: [{ label: 'Orders per subscriber per month', before: 2.1, after: 4.2, unit: 'orders' }],
		daysAgo: 3,
	},
	{
		company: 'FreshCrate',
		status: 'submitted',
		readers: 'all',
		title: 'Meal kits on supermarket shelves: what a year in grocery taught us',
		objective: 'launch',
		targetAudience: 'Supermarket shoppers aged 28–45 who cook at home three or more nights a week',
		channels: ['in-store', 'retail-media', 'influencers'],
		startedOn: '2024-01',
		endedOn: '2024-12',
		budgetBand: '500k-2m',
		summary:
			'We took our meal kits into 300 supermarkets. Trial was strong; repeat purchase was not, until we changed the pack.',
		body: `## The move

After six years online, we launched two-person meal kits in 300 supermarkets.

## What happened

- **Trial was strong:** 11% of category shoppers bought at least once in the first quarter.
- **Repeat was weak** until we put the recipe on the front of the pack and cut cooking time to 20 minutes.

## Results

Repeat purchase rose from 18% to 34% after the redesign.`,
		learnings:
			'Supermarket shoppers decide in seconds. Our online-first pack design hid the one thing they needed: what is for dinner.',
		tags: ['meal-kits', 'retail', 'packaging'],
		metrics: [{ label: 'Repeat purchase', before: 18, after: 34, unit: '%' }],
		daysAgo: 2,
	},
	{
		company: 'Kestrel & Finch',
		status: 'submitted',
		readers: 'non-conflicted',
		title: 'One experiment a week: how an agency marketed itself',
		objective: 'awareness',
		targetAudience: 'Marketing directors at mid-sized European consumer brands',
		channels: ['content', 'social', 'pr'],
		startedOn: '2024-05',
		endedOn: null,
		budgetBand: 'under-100k',
		summary: 'We published one small marketing experiment every week for a year, with the results, good or bad.',
		body: `## The format

Every Friday, a one-page write-up of an experiment we ran on our own marketing: a subject line, a landing page, a LinkedIn format.

## Why it worked

Marketing directors told us they read it for the failures. Nobody else publishes those.

## Results

The newsletter reached 12,000 subscribers and brought in nine new clients.`,
		learnings:
			'Consistency mattered more than brilliance. The weeks we skipped cost us more subscribers than any weak issue.',
		tags: ['agency', 'newsletter', 'thought-leadership'],
		metrics: [{ label: 'Newsletter subscribers', before: 800, after: 12000, unit: '' }],
		daysAgo: 1,
	},
	{
		company: 'Northwind Provisions',
		status: 'changes-requested',
		readers: 'non-conflicted',
		title: 'Launching a retail media network in a regional grocer',
		objective: 'launch',
		targetAudience: 'Consumer packaged goods brands selling through our 212 stores',
		channels: ['retail-media', 'in-store', 'display'],
		startedOn: '2024-03',
		endedOn: null,
		budgetBand: '500k-2m',
		summary: 'How we built a retail media network on top of our loyalty data, and what suppliers actually pay for.',
		body: `## Why now

With 4 million loyalty members, we could show suppliers who bought their products, and who switched away.

## What we sell

- Sponsored products in the app.
- Screens in 60 stores.
- Off-site audiences built from loyalty data.

## Early results

Twenty suppliers signed in the first six months.`,
		learnings: 'Pricing is still a work in progress.',
		tags: ['retail-media', 'loyalty', 'grocery'],
		metrics: [{ label: 'Suppliers advertising', before: 0, after: 20, unit: '' }],
		daysAgo: 6,
		reviewNote:
			'Thanks, Maya: this will be useful to many members. Before we publish: please add the results you can share (revenue band or ROAS on one campaign), and expand “what you would do differently”. One line on pricing is not enough for peers to learn from.',
	},
	{
		company: 'Helix Insights',
		status: 'changes-requested',
		readers: 'all',
		title: 'Pricing research as a lead magnet',
		objective: 'consideration',
		targetAudience: 'Pricing and revenue managers at subscription businesses',
		channels: ['content', 'email-crm'],
		startedOn: '2024-06',
		endedOn: '2024-12',
		budgetBand: 'under-100k',
		summary: 'A free benchmark of subscription prices across 400 brands, updated monthly.',
		body: `## The benchmark

We tracked list prices of 400 subscription brands every month and published the index for free, with a deeper report for clients.

## Results

2,300 sign-ups in six months, 14 qualified briefs.`,
		learnings: 'Monthly updates were too frequent to sustain; quarterly would have been enough.',
		tags: ['pricing', 'research', 'lead-generation'],
		metrics: [{ label: 'Benchmark sign-ups', before: 0, after: 2300, unit: '' }],
		daysAgo: 9,
		reviewNote:
			'The client names in the second chart are confidential according to your own report’s terms. Please remove them or get written consent, then submit again.',
	},
	{
		company: 'Northwind Provisions',
		status: 'draft',
		readers: 'non-conflicted',
		title: 'Relaunching our private label as a brand people choose',
		objective: 'repositioning',
		targetAudience: 'Shoppers who buy national brands out of habit',
		channels: ['in-store', 'social', 'out-of-home'],
		startedOn: '2025-01',
		endedOn: null,
		budgetBand: '2m-10m',
		summary: '',
		body: 'Notes so far: new name, new packs on 600 products, taste tests in store.',
		learnings: '',
		tags: ['private-label', 'packaging'],
		metrics: [],
		daysAgo: 4,
	},
	{
		company: 'Saffron Stay Hotels',
		status: 'draft',
		readers: 'all',
		title: 'Hosts, not front desks: redesigning arrival',
		objective: 'retention',
		targetAudience: 'Returning guests',
		channels: ['in-store', 'email-crm'],
		startedOn: '2025-02',
		endedOn: null,
		budgetBand: '100k-500k',
		summary: 'We removed the front desk in three hotels.',
		body: 'Draft: what guests said, what staff said, review scores before and after.',
		learnings: '',
		tags: ['hospitality', 'customer-experience'],
		metrics: [],
		daysAgo: 5,
	},
]

export type CaseStudySeedFacts = {
	/** The seed's fixed "now" (the policy's evaluation time): timestamps are offsets back from it. */
	policyNow: number
	/** Demo member who comments on a study she may read. */
	demoMemberId: string
}

const dayMs = 24 * 3_600_000
const hourMs = 3_600_000

/**
 * Inserts the demo case studies, with votes and comments from members the policy lets meet each
 * author, into a seeded database (members, companies and conflict keys already there).
 */
export function seedCaseStudies(db: AppDatabase, facts: CaseStudySeedFacts) {
	const companyNames = [...new Set(seededStudies.map((study) => study.company))]
	const authors = db
		.select({ userId: users.id, company: companies.name, code: companySectorCodes.code })
		.from(users)
		.innerJoin(memberProfiles, sql`${memberProfiles.userId} = ${users.id}`)
		.innerJoin(companies, sql`${companies.id} = ${memberProfiles.companyId}`)
		.innerJoin(
			companySectorCodes,
			sql`${companySectorCodes.companyId} = ${companies.id} and ${companySectorCodes.isPrimary} = 1`,
		)
		.where(inArray(companies.name, companyNames))
		.orderBy(users.id)
		.all()
	const authorOf = new Map(authors.map((row) => [row.company, row]))
	// Voters and commenters: generated members, in id order, skipping anyone in conflict with the author.
	const crowd = db
		.select({ id: users.id })
		.from(users)
		.where(sql`${users.status} = 'active' and ${users.id} > 'usr_0016'`)
		.orderBy(users.id)
		.all()
		.map((row) => row.id)
	const meets = conflictFreePairs(db, facts.policyNow)

	db.transaction((tx) => {
		seededStudies.forEach((study, index) => {
			const author = authorOf.get(study.company)
			if (!author) throw new Error(`No seeded member works at ${study.company}`)
			const id = `cst_${String(index + 1).padStart(4, '0')}`
			// Dated back from the policy's "now", so the demo's review queue reads as recent work.
			const submittedAt = facts.policyNow - study.daysAgo * dayMs
			const createdAt = submittedAt - 9 * dayMs
			const publishedAt = study.status === 'published' ? submittedAt + 2 * dayMs : null
			const peers = crowd.filter((peerId) => peerId !== author.userId && meets(peerId, author.userId))
			const offset = (index * 17) % Math.max(1, peers.length - 40)
			const voters = peers.slice(offset, offset + (study.votes ?? 0))
			tx.insert(caseStudies)
				.values({
					id,
					authorId: author.userId,
					status: study.status,
					title: study.title,
					brand: study.brand ?? study.company,
					sectorCode: author.code,
					objective: study.objective,
					targetAudience: study.targetAudience,
					startedOn: study.startedOn,
					endedOn: study.endedOn,
					budgetBand: study.budgetBand,
					summary: study.summary,
					body: study.body,
					learnings: study.learnings,
					readers: study.readers,
					reviewNote: study.reviewNote ?? null,
					submittedAt: study.status === 'draft' ? null : new Date(submittedAt),
					publishedAt: publishedAt === null ? null : new Date(publishedAt),
					usefulCount: voters.length,
					createdAt: new Date(createdAt),
					updatedAt: new Date(study.status === 'published' ? publishedAt! : submittedAt),
				})
				.run()
			if (study.metrics.length)
				tx.insert(caseStudyMetrics)
					.values(study.metrics.map((metric, position) => ({ studyId: id, position, ...metric })))
					.run()
			tx.insert(studyChannels)
				.values(study.channels.map((channel) => ({ studyId: id, channel })))
				.run()
			if (study.tags.length)
				tx.insert(caseStudyTags)
					.values(study.tags.map((tag) => ({ studyId: id, tag })))
					.run()
			if (voters.length)
				tx.insert(caseStudyVotes)
					.values(
						voters.map((userId, k) => ({ studyId: id, userId, createdAt: new Date(publishedAt! + (k + 1) * hourMs) })),
					)
					.run()
			let commentNumber = 0
			const commenters = peers.slice(offset + 40).concat(peers.slice(0, offset))
			let nextCommenter = 0
			;(study.comments ?? []).forEach((comment, k) => {
				const commentId = `csc_${id.slice(4)}_${++commentNumber}`
				const at = publishedAt! + (k + 1) * 5 * hourMs
				const by =
					comment.by === 'demo-member' && meets(facts.demoMemberId, author.userId)
						? facts.demoMemberId
						: commenters[nextCommenter++]!
				tx.insert(caseStudyComments)
					.values({ id: commentId, studyId: id, authorId: by, body: comment.body, createdAt: new Date(at) })
					.run()
				;(comment.replies ?? []).forEach((reply, r) => {
					tx.insert(caseStudyComments)
						.values({
							id: `csc_${id.slice(4)}_${++commentNumber}`,
							studyId: id,
							parentId: commentId,
							authorId: reply.byAuthor ? author.userId : commenters[nextCommenter++]!,
							body: reply.body,
							createdAt: new Date(at + (r + 1) * 3 * hourMs),
						})
						.run()
				})
			})
		})
	})
	return { studies: seededStudies.length }
}
