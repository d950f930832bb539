import type { ExpertiseTag as VocabularyTag } from '../app/features/members/expertise.ts'
import type { Region } from '../app/features/members/regions.ts'
import type { businessModels, companySizes } from './schema.ts'

export type BusinessModel = (typeof businessModels)[number]
export type CompanySize = (typeof companySizes)[number]

/** Static word lists and sentence templates behind the demo data in db/seed.ts. */

export const expertiseTagChoices = [
	{ tag: 'brand-strategy', phrase: 'brand strategy' },
	{ tag: 'demand-generation', phrase: 'demand generation' },
	{ tag: 'loyalty', phrase: 'loyalty' },
	{ tag: 'retail-media', phrase: 'retail media' },
	{ tag: 'product-marketing', phrase: 'product marketing' },
	{ tag: 'pricing', phrase: 'pricing' },
	{ tag: 'community', phrase: 'community building' },
	{ tag: 'influencer-marketing', phrase: 'influencer marketing' },
	{ tag: 'marketing-mix-modeling', phrase: 'marketing mix modeling' },
	{ tag: 'abm', phrase: 'account-based marketing' },
	{ tag: 'plg', phrase: 'product-led growth' },
	{ tag: 'crm', phrase: 'CRM' },
	{ tag: 'sponsorship', phrase: 'sponsorship' },
	{ tag: 'employer-brand', phrase: 'employer brand' },
	{ tag: 'sustainability-marketing', phrase: 'sustainability marketing' },
	{ tag: 'performance-marketing', phrase: 'performance marketing' },
	{ tag: 'content-marketing', phrase: 'content marketing' },
	{ tag: 'seo', phrase: 'search' },
	{ tag: 'customer-experience', phrase: 'customer experience' },
	{ tag: 'marketing-operations', phrase: 'marketing operations' },
	{ tag: 'martech', phrase: 'martech' },
	{ tag: 'data-privacy', phrase: 'data privacy' },
	{ tag: 'rebranding', phrase: 'rebranding' },
	{ tag: 'partnerships', phrase: 'partnerships' },
	{ tag: 'events', phrase: 'events' },
	{ tag: 'public-relations', phrase: 'corporate communications' },
	{ tag: 'creative-leadership', phrase: 'creative' },
	{ tag: 'agency-management', phrase: 'agency management' },
	{ tag: 'international-expansion', phrase: 'international expansion' },
	{ tag: 'ecommerce', phrase: 'e-commerce' },
	{ tag: 'customer-insights', phrase: 'customer insights' },
	{ tag: 'go-to-market', phrase: 'go-to-market planning' },
] as const satisfies ReadonlyArray<{ tag: VocabularyTag; phrase: string }>
export type ExpertiseTag = (typeof expertiseTagChoices)[number]['tag']

export const titles = [
	{ value: 'Chief Marketing Officer', weight: 30 },
	{ value: 'CMO', weight: 10 },
	{ value: 'VP Marketing', weight: 12 },
	{ value: 'SVP Marketing', weight: 6 },
	{ value: 'SVP Brand & Communications', weight: 5 },
	{ value: 'EVP Marketing & Communications', weight: 4 },
	{ value: 'Global Head of Growth', weight: 5 },
	{ value: 'Chief Brand Officer', weight: 5 },
	{ value: 'Chief Customer Officer', weight: 4 },
	{ value: 'Chief Growth Officer', weight: 4 },
	{ value: 'VP Demand Generation', weight: 5 },
	{ value: 'Head of Marketing', weight: 8 },
	{ value: 'Marketing Director', weight: 4 },
	{ value: 'Group Marketing Director', weight: 3 },
	{ value: 'VP Brand Marketing', weight: 4 },
	{ value: 'Chief Marketing & Digital Officer', weight: 2 },
] as const

/** Old-world place and nature words: banks, grocers, insurers, builders. */
const classicRoots = [
	'Ashford',
	'Bellwether',
	'Bluestone',
	'Brightwater',
	'Calder',
	'Copperleaf',
	'Evergreen',
	'Fairhaven',
	'Granite',
	'Harborline',
	'Hearthstone',
	'Highland',
	'Ironbridge',
	'Juniper',
	'Kingsley',
	'Lakeshore',
	'Larkspur',
	'Linden',
	'Marlow',
	'Meadowbrook',
	'Northwind',
	'Oakhurst',
	'Pinecrest',
	'Redwood',
	'Riverbend',
	'Saltmarsh',
	'Silverline',
	'Stonegate',
	'Thornbury',
	'Tidewater',
	'Wexford',
	'Whitfield',
	'Willowmere',
	'Windham',
	'Coral Bay',
	'Alder',
	'Birchwood',
	'Crescent',
	'Fernhill',
	'Foxglove',
	'Goldcrest',
	'Heron',
] as const

/** Short coined words: software, devices, media, analytics. */
const modernRoots = [
	'Aether',
	'Arclight',
	'Axiom',
	'Brightpath',
	'Cadence',
	'Corvid',
	'Fathom',
	'Helix',
	'Kinetic',
	'Lattice',
	'Lumen',
	'Meridian',
	'Nimbus',
	'Novus',
	'Orbital',
	'Parallax',
	'Polaris',
	'Quanta',
	'Radiant',
	'Sable',
	'Strata',
	'Tessera',
	'Vector',
	'Veridian',
	'Zephyr',
	'Keystone',
	'Beacon',
	'Cobalt',
	'Ember',
	'Flux',
	'Halo',
	'Mosaic',
	'Onyx',
	'Prism',
	'Relay',
	'Signal',
	'Tandem',
	'Vantage',
	'Verge',
	'Waypoint',
] as const

export const companyRoots = { classic: classicRoots, modern: modernRoots } as const

export interface Industry {
	/** A 6-digit NAICS 2022 code present in db/data/naics-2022.csv. */
	naicsCode: string
	/** How often members come from this industry, relative to the others. */
	weight: number
	/** Who the industry sells to, as shown on profiles. */
	businessModel: BusinessModel
	roots: keyof typeof companyRoots
	/** Company name patterns; `{root}` is replaced by a word from the root pool. */
	names: readonly string[]
	/** Reads after "in": "in grocery retail". */
	noun: string
	/** Expertise a marketing leader in this industry is likely to list first. */
	focus: readonly ExpertiseTag[]
}

/**
 * 19 of the 20 NAICS sectors (all but Public Administration). Several industries share a
 * 4-digit group on purpose — grocers 4451, beverages 3121, software 5132, banks 5221,
 * insurers 5241 — so the competitor-conflict rules have same-sector pairs to work on.
 */
export const industries: readonly Industry[] = [
	// 11 Agriculture
	{
		naicsCode: '111332',
		businessModel: 'both',
		weight: 1,
		roots: 'classic',
		names: ['{root} Vineyards', '{root} Estate Wines'],
		noun: 'wine',
		focus: ['brand-strategy', 'events'],
	},
	{
		naicsCode: '112120',
		businessModel: 'b2b',
		weight: 1,
		roots: 'classic',
		names: ['{root} Dairy Cooperative', '{root} Farms'],
		noun: 'dairy',
		focus: ['sustainability-marketing', 'brand-strategy'],
	},
	{
		naicsCode: '111331',
		businessModel: 'b2b',
		weight: 1,
		roots: 'classic',
		names: ['{root} Orchards', '{root} Growers'],
		noun: 'fresh produce',
		focus: ['partnerships', 'sustainability-marketing'],
	},
	// 21 Mining
	{
		naicsCode: '212220',
		businessModel: 'b2b',
		weight: 1,
		roots: 'classic',
		names: ['{root} Gold', '{root} Resources'],
		noun: 'mining',
		focus: ['public-relations', 'employer-brand'],
	},
	{
		naicsCode: '211130',
		businessModel: 'b2b',
		weight: 1,
		roots: 'classic',
		names: ['{root} Energy', '{root} Natural Gas'],
		noun: 'energy',
		focus: ['public-relations', 'sustainability-marketing'],
	},
	// 22 Utilities
	{
		naicsCode: '221122',
		businessModel: 'both',
		weight: 2,
		roots: 'classic',
		names: ['{root} Power', '{root} Electric'],
		noun: 'utilities',
		focus: ['customer-experience', 'sustainability-marketing'],
	},
	{
		naicsCode: '221115',
		businessModel: 'both',
		weight: 1,
		roots: 'modern',
		names: ['{root} Wind', '{root} Renewables'],
		noun: 'renewable energy',
		focus: ['sustainability-marketing', 'brand-strategy'],
	},
	// 23 Construction
	{
		naicsCode: '236117',
		businessModel: 'b2c',
		weight: 2,
		roots: 'classic',
		names: ['{root} Homes', '{root} Home Builders'],
		noun: 'homebuilding',
		focus: ['performance-marketing', 'customer-experience'],
	},
	{
		naicsCode: '238220',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Heating & Air', '{root} Home Services'],
		noun: 'home services',
		focus: ['seo', 'performance-marketing'],
	},
	// 31-33 Manufacturing
	{
		naicsCode: '312111',
		businessModel: 'b2c',
		weight: 3,
		roots: 'modern',
		names: ['{root} Beverages', '{root} Soda Co.'],
		noun: 'beverages',
		focus: ['brand-strategy', 'influencer-marketing'],
	},
	{
		naicsCode: '312120',
		businessModel: 'b2c',
		weight: 2,
		roots: 'classic',
		names: ['{root} Brewing Co.', '{root} Brewery'],
		noun: 'beer',
		focus: ['sponsorship', 'brand-strategy'],
	},
	{
		naicsCode: '312130',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Cellars', '{root} Wine Company'],
		noun: 'wine and spirits',
		focus: ['brand-strategy', 'events'],
	},
	{
		naicsCode: '325620',
		businessModel: 'b2c',
		weight: 3,
		roots: 'modern',
		names: ['{root} Beauty', '{root} Skincare', '{root} Cosmetics'],
		noun: 'beauty',
		focus: ['influencer-marketing', 'ecommerce'],
	},
	{
		naicsCode: '325412',
		businessModel: 'both',
		weight: 2,
		roots: 'modern',
		names: ['{root} Therapeutics', '{root} Pharma', '{root} Biosciences'],
		noun: 'pharma',
		focus: ['product-marketing', 'data-privacy'],
	},
	{
		naicsCode: '336110',
		businessModel: 'b2c',
		weight: 2,
		roots: 'modern',
		names: ['{root} Motors', '{root} Automotive'],
		noun: 'automotive',
		focus: ['brand-strategy', 'sponsorship'],
	},
	{
		naicsCode: '311111',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Pet Nutrition', '{root} Pet Foods'],
		noun: 'pet food',
		focus: ['community', 'ecommerce'],
	},
	{
		naicsCode: '339920',
		businessModel: 'b2c',
		weight: 2,
		roots: 'modern',
		names: ['{root} Athletic', '{root} Sports', '{root} Outdoor Gear'],
		noun: 'sporting goods',
		focus: ['sponsorship', 'community'],
	},
	{
		naicsCode: '335220',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Appliances', '{root} Home Appliances'],
		noun: 'home appliances',
		focus: ['retail-media', 'product-marketing'],
	},
	{
		naicsCode: '334111',
		businessModel: 'both',
		weight: 1,
		roots: 'modern',
		names: ['{root} Devices', '{root} Computing'],
		noun: 'consumer hardware',
		focus: ['product-marketing', 'go-to-market'],
	},
	// 42 Wholesale
	{
		naicsCode: '424410',
		businessModel: 'b2b',
		weight: 1,
		roots: 'classic',
		names: ['{root} Foodservice', '{root} Food Distribution'],
		noun: 'food distribution',
		focus: ['abm', 'partnerships'],
	},
	{
		naicsCode: '423430',
		businessModel: 'b2b',
		weight: 1,
		roots: 'modern',
		names: ['{root} Technology Distribution', '{root} Tech Supply'],
		noun: 'IT distribution',
		focus: ['abm', 'partnerships'],
	},
	{
		naicsCode: '424820',
		businessModel: 'b2b',
		weight: 1,
		roots: 'classic',
		names: ['{root} Wine & Spirits', '{root} Beverage Distributors'],
		noun: 'drinks distribution',
		focus: ['partnerships', 'events'],
	},
	// 44-45 Retail
	{
		naicsCode: '445110',
		businessModel: 'b2c',
		weight: 6,
		roots: 'classic',
		names: ['{root} Provisions', '{root} Market', '{root} Grocers', '{root} Fresh Market'],
		noun: 'grocery retail',
		focus: ['loyalty', 'retail-media'],
	},
	{
		naicsCode: '445131',
		businessModel: 'b2c',
		weight: 2,
		roots: 'classic',
		names: ['{root} Convenience', '{root} Corner Stores'],
		noun: 'convenience retail',
		focus: ['loyalty', 'pricing'],
	},
	{
		naicsCode: '458110',
		businessModel: 'b2c',
		weight: 3,
		roots: 'classic',
		names: ['{root} Outfitters', '{root} Apparel', '{root} Clothing Co.'],
		noun: 'fashion retail',
		focus: ['ecommerce', 'influencer-marketing'],
	},
	{
		naicsCode: '456110',
		businessModel: 'b2c',
		weight: 2,
		roots: 'classic',
		names: ['{root} Pharmacy', '{root} Chemists'],
		noun: 'pharmacy retail',
		focus: ['loyalty', 'crm'],
	},
	{
		naicsCode: '444110',
		businessModel: 'both',
		weight: 1,
		roots: 'classic',
		names: ['{root} Home Center', '{root} Home & Garden'],
		noun: 'home improvement retail',
		focus: ['retail-media', 'content-marketing'],
	},
	{
		naicsCode: '455110',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} & Co.', '{root} Department Stores'],
		noun: 'department stores',
		focus: ['loyalty', 'customer-experience'],
	},
	{
		naicsCode: '449210',
		businessModel: 'b2c',
		weight: 1,
		roots: 'modern',
		names: ['{root} Electronics', '{root} Tech Stores'],
		noun: 'electronics retail',
		focus: ['retail-media', 'pricing'],
	},
	{
		naicsCode: '456120',
		businessModel: 'b2c',
		weight: 1,
		roots: 'modern',
		names: ['{root} Beauty Bar', '{root} Beauty Stores'],
		noun: 'beauty retail',
		focus: ['loyalty', 'influencer-marketing'],
	},
	// 48-49 Transportation
	{
		naicsCode: '481111',
		businessModel: 'both',
		weight: 2,
		roots: 'classic',
		names: ['{root} Airlines', '{root} Air'],
		noun: 'aviation',
		focus: ['loyalty', 'customer-experience'],
	},
	{
		naicsCode: '492110',
		businessModel: 'both',
		weight: 1,
		roots: 'modern',
		names: ['{root} Express', '{root} Parcel'],
		noun: 'parcel delivery',
		focus: ['abm', 'customer-experience'],
	},
	{
		naicsCode: '488510',
		businessModel: 'b2b',
		weight: 1,
		roots: 'modern',
		names: ['{root} Logistics', '{root} Freight'],
		noun: 'logistics',
		focus: ['abm', 'demand-generation'],
	},
	{
		naicsCode: '485310',
		businessModel: 'b2c',
		weight: 1,
		roots: 'modern',
		names: ['{root} Rides', '{root} Mobility'],
		noun: 'urban mobility',
		focus: ['performance-marketing', 'community'],
	},
	// 51 Information
	{
		naicsCode: '513210',
		businessModel: 'b2b',
		weight: 8,
		roots: 'modern',
		names: ['{root} Analytics', '{root} Software', '{root} Labs', '{root} Cloud', '{root} Systems'],
		noun: 'B2B software',
		focus: ['plg', 'demand-generation', 'abm'],
	},
	{
		naicsCode: '516210',
		businessModel: 'b2c',
		weight: 2,
		roots: 'modern',
		names: ['{root} Media', '{root} Streaming', '{root} Studios'],
		noun: 'streaming media',
		focus: ['content-marketing', 'community'],
	},
	{
		naicsCode: '517112',
		businessModel: 'both',
		weight: 2,
		roots: 'modern',
		names: ['{root} Mobile', '{root} Telecom', '{root} Wireless'],
		noun: 'telecoms',
		focus: ['pricing', 'sponsorship'],
	},
	{
		naicsCode: '513110',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['The {root} Herald', '{root} Media Group'],
		noun: 'news publishing',
		focus: ['content-marketing', 'crm'],
	},
	{
		naicsCode: '518210',
		businessModel: 'b2b',
		weight: 1,
		roots: 'modern',
		names: ['{root} Data Centers', '{root} Hosting'],
		noun: 'cloud infrastructure',
		focus: ['abm', 'product-marketing'],
	},
	// 52 Finance and Insurance
	{
		naicsCode: '522110',
		businessModel: 'both',
		weight: 5,
		roots: 'classic',
		names: ['{root} Bank', '{root} National Bank', '{root} Savings Bank'],
		noun: 'retail banking',
		focus: ['brand-strategy', 'crm'],
	},
	{
		naicsCode: '522130',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Credit Union', '{root} Federal Credit Union'],
		noun: 'credit unions',
		focus: ['community', 'crm'],
	},
	{
		naicsCode: '522320',
		businessModel: 'b2b',
		weight: 2,
		roots: 'modern',
		names: ['{root} Pay', '{root} Payments'],
		noun: 'payments',
		focus: ['plg', 'partnerships'],
	},
	{
		naicsCode: '524126',
		businessModel: 'both',
		weight: 2,
		roots: 'classic',
		names: ['{root} Insurance', '{root} Mutual', '{root} Assurance'],
		noun: 'insurance',
		focus: ['brand-strategy', 'customer-experience'],
	},
	{
		naicsCode: '524113',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Life', '{root} Life & Annuity'],
		noun: 'life insurance',
		focus: ['content-marketing', 'crm'],
	},
	{
		naicsCode: '523940',
		businessModel: 'b2b',
		weight: 1,
		roots: 'classic',
		names: ['{root} Capital', '{root} Asset Management'],
		noun: 'asset management',
		focus: ['content-marketing', 'abm'],
	},
	// 53 Real Estate
	{
		naicsCode: '531210',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Realty', '{root} Properties'],
		noun: 'real estate',
		focus: ['performance-marketing', 'seo'],
	},
	{
		naicsCode: '532111',
		businessModel: 'both',
		weight: 1,
		roots: 'modern',
		names: ['{root} Car Rental', '{root} Rent-a-Car'],
		noun: 'car rental',
		focus: ['loyalty', 'pricing'],
	},
	{
		naicsCode: '531130',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Self Storage', '{root} Storage'],
		noun: 'self storage',
		focus: ['seo', 'pricing'],
	},
	// 54 Professional Services
	{
		naicsCode: '541810',
		businessModel: 'b2b',
		weight: 2,
		roots: 'classic',
		names: ['{root} & Partners', '{root} Creative'],
		noun: 'advertising',
		focus: ['creative-leadership', 'brand-strategy'],
	},
	{
		naicsCode: '541611',
		businessModel: 'b2b',
		weight: 2,
		roots: 'classic',
		names: ['{root} Advisory', '{root} Consulting'],
		noun: 'management consulting',
		focus: ['content-marketing', 'abm'],
	},
	{
		naicsCode: '541512',
		businessModel: 'b2b',
		weight: 2,
		roots: 'modern',
		names: ['{root} Digital', '{root} Technologies'],
		noun: 'IT services',
		focus: ['abm', 'demand-generation'],
	},
	{
		naicsCode: '541910',
		businessModel: 'b2b',
		weight: 1,
		roots: 'modern',
		names: ['{root} Insights', '{root} Research'],
		noun: 'market research',
		focus: ['customer-insights', 'content-marketing'],
	},
	// 55 Management of Companies
	{
		naicsCode: '551112',
		businessModel: 'b2b',
		weight: 1,
		roots: 'classic',
		names: ['{root} Holdings', '{root} Group'],
		noun: 'diversified holding companies',
		focus: ['brand-strategy', 'public-relations'],
	},
	// 56 Administrative and Support
	{
		naicsCode: '561510',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Travel', '{root} Journeys'],
		noun: 'travel',
		focus: ['content-marketing', 'performance-marketing'],
	},
	{
		naicsCode: '561320',
		businessModel: 'b2b',
		weight: 1,
		roots: 'modern',
		names: ['{root} Staffing', '{root} Talent'],
		noun: 'staffing',
		focus: ['employer-brand', 'demand-generation'],
	},
	{
		naicsCode: '561621',
		businessModel: 'b2c',
		weight: 1,
		roots: 'modern',
		names: ['{root} Security', '{root} Home Security'],
		noun: 'home security',
		focus: ['performance-marketing', 'pricing'],
	},
	// 61 Education
	{
		naicsCode: '611310',
		businessModel: 'b2c',
		weight: 2,
		roots: 'classic',
		names: ['{root} University', '{root} College'],
		noun: 'higher education',
		focus: ['brand-strategy', 'performance-marketing'],
	},
	{
		naicsCode: '611430',
		businessModel: 'both',
		weight: 1,
		roots: 'modern',
		names: ['{root} Academy', '{root} Learning'],
		noun: 'professional education',
		focus: ['content-marketing', 'demand-generation'],
	},
	{
		naicsCode: '611630',
		businessModel: 'b2c',
		weight: 1,
		roots: 'modern',
		names: ['{root} Languages', '{root} Language Institute'],
		noun: 'language learning',
		focus: ['performance-marketing', 'international-expansion'],
	},
	// 62 Health Care
	{
		naicsCode: '622110',
		businessModel: 'b2c',
		weight: 2,
		roots: 'classic',
		names: ['{root} Health', '{root} Medical Center', '{root} Health System'],
		noun: 'health care',
		focus: ['brand-strategy', 'customer-experience'],
	},
	{
		naicsCode: '621210',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Dental', '{root} Dental Care'],
		noun: 'dental care',
		focus: ['seo', 'crm'],
	},
	{
		naicsCode: '621610',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Home Health', '{root} Care'],
		noun: 'home care',
		focus: ['employer-brand', 'community'],
	},
	// 71 Arts, Entertainment, and Recreation
	{
		naicsCode: '711211',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} FC', '{root} United'],
		noun: 'professional sport',
		focus: ['sponsorship', 'community'],
	},
	{
		naicsCode: '713940',
		businessModel: 'b2c',
		weight: 2,
		roots: 'modern',
		names: ['{root} Fitness', '{root} Athletic Club'],
		noun: 'fitness',
		focus: ['community', 'loyalty'],
	},
	{
		naicsCode: '713110',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Parks & Resorts', '{root} Adventure Parks'],
		noun: 'theme parks',
		focus: ['pricing', 'customer-experience'],
	},
	{
		naicsCode: '711310',
		businessModel: 'b2c',
		weight: 1,
		roots: 'modern',
		names: ['{root} Live', '{root} Arena Group'],
		noun: 'live entertainment',
		focus: ['events', 'sponsorship'],
	},
	// 72 Accommodation and Food Services
	{
		naicsCode: '721110',
		businessModel: 'both',
		weight: 3,
		roots: 'classic',
		names: ['{root} Hotels', '{root} Hotels & Resorts', '{root} Hospitality'],
		noun: 'hospitality',
		focus: ['loyalty', 'customer-experience'],
	},
	{
		naicsCode: '722513',
		businessModel: 'b2c',
		weight: 2,
		roots: 'classic',
		names: ['{root} Burger Co.', '{root} Kitchen'],
		noun: 'quick-service restaurants',
		focus: ['loyalty', 'performance-marketing'],
	},
	{
		naicsCode: '722515',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Coffee', '{root} Coffee Roasters'],
		noun: 'coffee chains',
		focus: ['loyalty', 'community'],
	},
	{
		naicsCode: '722511',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Restaurant Group', '{root} Grill'],
		noun: 'casual dining',
		focus: ['crm', 'events'],
	},
	// 81 Other Services
	{
		naicsCode: '812112',
		businessModel: 'b2c',
		weight: 1,
		roots: 'modern',
		names: ['{root} Salons', '{root} Hair Studio'],
		noun: 'salons',
		focus: ['influencer-marketing', 'loyalty'],
	},
	{
		naicsCode: '812910',
		businessModel: 'b2c',
		weight: 1,
		roots: 'classic',
		names: ['{root} Pet Care', '{root} Pet Resorts'],
		noun: 'pet care',
		focus: ['community', 'crm'],
	},
	{
		naicsCode: '811192',
		businessModel: 'b2c',
		weight: 1,
		roots: 'modern',
		names: ['{root} Car Wash', '{root} Auto Spa'],
		noun: 'car care',
		focus: ['loyalty', 'pricing'],
	},
	{
		naicsCode: '813211',
		businessModel: 'both',
		weight: 1,
		roots: 'classic',
		names: ['{root} Foundation', 'The {root} Trust'],
		noun: 'philanthropy',
		focus: ['content-marketing', 'partnerships'],
	},
]

/** Where a name comes from: a faker locale, or a short romanized list for non-Latin scripts. */
export type NameLocale =
	| 'en_US'
	| 'en_CA'
	| 'en_GB'
	| 'en_IE'
	| 'en_AU'
	| 'en_IN'
	| 'en_ZA'
	| 'en_NG'
	| 'en_GH'
	| 'en_HK'
	| 'fr'
	| 'de'
	| 'de_CH'
	| 'sv'
	| 'nl'
	| 'es'
	| 'es_MX'
	| 'pt_BR'
	| 'it'
	| 'pl'
	| 'da'
	| 'nb_NO'
	| 'tr'
	| 'id_ID'
	| 'ja'
	| 'ko'
	| 'zh'
	| 'ar'

export const romanizedNames = {
	ja: {
		first: [
			'Haruto',
			'Yuki',
			'Aiko',
			'Kenji',
			'Sakura',
			'Takeshi',
			'Naoko',
			'Hiroshi',
			'Emi',
			'Daisuke',
			'Mei',
			'Ren',
			'Kaori',
			'Shota',
			'Yui',
			'Akira',
		],
		last: [
			'Sato',
			'Suzuki',
			'Takahashi',
			'Tanaka',
			'Watanabe',
			'Ito',
			'Yamamoto',
			'Nakamura',
			'Kobayashi',
			'Kato',
			'Yoshida',
			'Yamada',
			'Sasaki',
			'Matsumoto',
			'Inoue',
			'Kimura',
		],
	},
	ko: {
		first: [
			'Ji-woo',
			'Min-jun',
			'Seo-yeon',
			'Hyun-woo',
			'Ha-eun',
			'Joon-ho',
			'Soo-ah',
			'Dong-hyun',
			'Yuna',
			'Jae-won',
			'Eun-ji',
			'Sung-min',
		],
		last: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Shin'],
	},
	zh: {
		first: ['Wei', 'Jing', 'Lina', 'Hao', 'Xiaoming', 'Meilin', 'Jun', 'Yan', 'Zhiwei', 'Ling', 'Yuchen', 'Xin'],
		last: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun'],
	},
	ar: {
		first: [
			'Layla',
			'Omar',
			'Yasmin',
			'Karim',
			'Nour',
			'Tariq',
			'Rania',
			'Faisal',
			'Hala',
			'Samir',
			'Dina',
			'Khalid',
			'Mariam',
			'Youssef',
			'Lina',
			'Ahmed',
		],
		last: [
			'Haddad',
			'Khoury',
			'Al-Mansouri',
			'Nasser',
			'Saleh',
			'Farouk',
			'Mansour',
			'Aziz',
			'Hamdan',
			'Rahman',
			'El-Sayed',
			'Qasim',
			'Bakr',
			'Hassan',
		],
	},
} as const

export interface TimeZoneChoice {
	/** IANA name. Kolkata and Adelaide are here on purpose: half-hour offsets catch scheduling bugs. */
	timeZone: string
	names: NameLocale
	weight: number
}

/** Region weights roughly follow where a global CMO network's members would be. */
export const regionTimeZones: Record<Region, { weight: number; timeZones: readonly TimeZoneChoice[] }> = {
	'North America': {
		weight: 35,
		timeZones: [
			{ timeZone: 'America/New_York', names: 'en_US', weight: 5 },
			{ timeZone: 'America/Chicago', names: 'en_US', weight: 3 },
			{ timeZone: 'America/Denver', names: 'en_US', weight: 1 },
			{ timeZone: 'America/Los_Angeles', names: 'en_US', weight: 4 },
			{ timeZone: 'America/Toronto', names: 'en_CA', weight: 2 },
			{ timeZone: 'America/Vancouver', names: 'en_CA', weight: 1 },
		],
	},
	'Latin America': {
		weight: 12,
		timeZones: [
			{ timeZone: 'America/Sao_Paulo', names: 'pt_BR', weight: 3 },
			{ timeZone: 'America/Mexico_City', names: 'es_MX', weight: 3 },
			{ timeZone: 'America/Bogota', names: 'es', weight: 1 },
			{ timeZone: 'America/Argentina/Buenos_Aires', names: 'es', weight: 1 },
			{ timeZone: 'America/Santiago', names: 'es', weight: 1 },
			{ timeZone: 'America/Lima', names: 'es', weight: 1 },
		],
	},
	Europe: {
		weight: 28,
		timeZones: [
			{ timeZone: 'Europe/London', names: 'en_GB', weight: 4 },
			{ timeZone: 'Europe/Paris', names: 'fr', weight: 2 },
			{ timeZone: 'Europe/Berlin', names: 'de', weight: 2 },
			{ timeZone: 'Europe/Stockholm', names: 'sv', weight: 1 },
			{ timeZone: 'Europe/Amsterdam', names: 'nl', weight: 1 },
			{ timeZone: 'Europe/Madrid', names: 'es', weight: 1 },
			{ timeZone: 'Europe/Rome', names: 'it', weight: 1 },
			{ timeZone: 'Europe/Warsaw', names: 'pl', weight: 1 },
			{ timeZone: 'Europe/Dublin', names: 'en_IE', weight: 1 },
			{ timeZone: 'Europe/Zurich', names: 'de_CH', weight: 1 },
			{ timeZone: 'Europe/Copenhagen', names: 'da', weight: 1 },
			{ timeZone: 'Europe/Oslo', names: 'nb_NO', weight: 1 },
			{ timeZone: 'Europe/Istanbul', names: 'tr', weight: 1 },
		],
	},
	'Middle East & Africa': {
		weight: 10,
		timeZones: [
			{ timeZone: 'Asia/Dubai', names: 'ar', weight: 2 },
			{ timeZone: 'Africa/Johannesburg', names: 'en_ZA', weight: 2 },
			{ timeZone: 'Africa/Lagos', names: 'en_NG', weight: 2 },
			{ timeZone: 'Asia/Riyadh', names: 'ar', weight: 1 },
			{ timeZone: 'Africa/Cairo', names: 'ar', weight: 1 },
			{ timeZone: 'Africa/Accra', names: 'en_GH', weight: 1 },
		],
	},
	'Asia Pacific': {
		weight: 15,
		timeZones: [
			{ timeZone: 'Asia/Kolkata', names: 'en_IN', weight: 3 },
			{ timeZone: 'Asia/Singapore', names: 'en_HK', weight: 2 },
			{ timeZone: 'Asia/Tokyo', names: 'ja', weight: 2 },
			{ timeZone: 'Australia/Sydney', names: 'en_AU', weight: 2 },
			{ timeZone: 'Australia/Melbourne', names: 'en_AU', weight: 1 },
			{ timeZone: 'Australia/Adelaide', names: 'en_AU', weight: 1 },
			{ timeZone: 'Asia/Hong_Kong', names: 'en_HK', weight: 1 },
			{ timeZone: 'Asia/Seoul', names: 'ko', weight: 1 },
			{ timeZone: 'Asia/Shanghai', names: 'zh', weight: 1 },
			{ timeZone: 'Asia/Jakarta', names: 'id_ID', weight: 1 },
			{ timeZone: 'Pacific/Auckland', names: 'en_AU', weight: 1 },
		],
	},
}

/** The facts a bio or application note is written from. */
export interface ProfileStory {
	company: string
	previousCompany: string
	otherCompany: string
	/** The member's industry, e.g. "grocery retail". */
	noun: string
	/** An industry the member worked in before. */
	priorNoun: string
	capability: string
	otherCapability: string
	markets: number
	teamSize: number
	years: number
	percent: number
	millions: number
	joinedYear: number
	agency: string
}

export const agencies = [
	'a global creative network',
	'an independent media agency',
	'one of the big holding companies',
	'a boutique brand consultancy',
	'a digital-first creative shop',
] as const

type Sentence = (story: ProfileStory) => string

export const bioOpenings: readonly Sentence[] = [
	(s) => `Built the loyalty program at ${s.previousCompany} from zero to ${s.millions} million members.`,
	(s) => `Spent ${s.years} years agency-side at ${s.agency} before moving client-side.`,
	(s) =>
		`Started in sales at ${s.previousCompany} and moved into marketing after launching its first ${s.capability} program.`,
	(s) => `Previously ran ${s.capability} at ${s.previousCompany}, growing revenue ${s.percent}% in three years.`,
	(s) => `Came up through product marketing in ${s.priorNoun} before switching to ${s.noun}.`,
	(s) => `Led the rebrand of ${s.previousCompany} through its merger with ${s.otherCompany}.`,
	(s) => `Has spent ${s.years} years marketing in ${s.noun}, through two turnarounds and a sale.`,
	(s) => `Launched the first direct-to-consumer channel at ${s.previousCompany} and grew it to a quarter of sales.`,
	(s) => `Ran global ${s.capability} at ${s.previousCompany} through two major launches and an IPO.`,
]

export const bioPresent: readonly Sentence[] = [
	(s) => `Now leading a brand repositioning across ${s.markets} markets.`,
	(s) => `Now runs brand, growth and insights for ${s.company} with a team of ${s.teamSize}.`,
	(s) => `At ${s.company}, owns everything from ${s.capability} to ${s.otherCapability}.`,
	(s) => `Currently rebuilding how ${s.company} measures ${s.capability} and decides what to fund next.`,
	(s) => `Joined ${s.company} in ${s.joinedYear} to build its first ${s.capability} team.`,
	(s) =>
		`Now responsible for the ${s.capability} and ${s.otherCapability} agenda at ${s.company} across ${s.markets} markets.`,
	(s) => `Today leads a ${s.teamSize}-person marketing organization at ${s.company}, with a focus on ${s.capability}.`,
]

export const bioClosings: readonly Sentence[] = [
	(s) => `Always happy to compare notes on ${s.otherCapability}.`,
	(s) => `Looking for peers outside ${s.noun} who have scaled ${s.otherCapability}.`,
	(s) => `Mentors first-time CMOs and speaks occasionally on ${s.otherCapability}.`,
	(s) => `Advises two early-stage founders in ${s.priorNoun}.`,
	(s) => `Curious how other sectors are handling ${s.otherCapability}.`,
	(s) => `Keen to swap playbooks on ${s.otherCapability} with leaders in very different industries.`,
]

export const applicationNotes: readonly Sentence[] = [
	(s) =>
		`I have just stepped into the CMO seat at ${s.company} and want peers outside ${s.noun} to pressure-test a repositioning before it goes to the board.`,
	(s) =>
		`We are expanding into ${s.markets} new markets this year, and I would value candid conversations with leaders who have done it without an agency safety net.`,
	(s) =>
		`Referred by two current members. I lead ${s.capability} at ${s.company} and am looking for a confidential room to compare budgets and team structures.`,
	(s) =>
		`Our category is consolidating fast; I want to learn how leaders in other sectors handled ${s.capability} through a merger.`,
	(s) =>
		`First marketing leader at ${s.company} after a decade in ${s.priorNoun}. Hoping to find mentors, and to give back on ${s.capability}.`,
	(s) => `I am rebuilding our measurement around ${s.capability} and would rather learn from peers than from vendors.`,
	(s) =>
		`Looking for a non-competitive peer group to discuss ${s.capability} and ${s.otherCapability} openly; most industry forums are full of our competitors.`,
	(s) =>
		`Our CEO asked me to benchmark marketing spend against companies outside ${s.noun}, and this network looks like the place to do that honestly.`,
]

/** Profile headlines, keyed by the member's first (most typical) expertise tag. */
export const headlines: Record<ExpertiseTag, readonly string[]> = {
	'brand-strategy': ['Turning a 100-year-old brand into a growing one', 'Brand is a growth strategy, not a logo'],
	'demand-generation': ['Building pipeline that sales actually trusts', 'Demand generation without the lead spam'],
	loyalty: ['Building loyalty programs that pay for themselves', 'Making members out of customers'],
	'retail-media': ['Turning shopper data into a media business', 'Retail media as a profit line, not a side project'],
	'product-marketing': ['Launching products people understand on day one', 'Positioning first, features second'],
	pricing: ['Pricing as the most underrated marketing lever', 'Raising prices without losing customers'],
	community: ['Growing communities that outlast campaigns', 'Customers who talk to each other stay'],
	'influencer-marketing': [
		'Creator partnerships that move sales, not just likes',
		'Building brands with creators, not ads',
	],
	'marketing-mix-modeling': ['Proving what marketing really drives', 'Measuring marketing the CFO believes'],
	abm: ['Account-based marketing for long, complex deals', 'Fewer accounts, deeper relationships'],
	plg: ['Product-led growth from free user to enterprise deal', 'Letting the product do the selling'],
	crm: ['Relationship marketing across every channel', 'One customer view, from first click to renewal'],
	sponsorship: ['Sponsorships measured like performance media', 'Making sport and culture work for the brand'],
	'employer-brand': ['Employer brand as a hiring advantage', 'Marketing to the people who build the product'],
	'sustainability-marketing': ['Sustainability claims we can prove', 'Green growth without greenwashing'],
	'performance-marketing': [
		'Performance marketing with a brand conscience',
		'Every euro accountable, every channel tested',
	],
	'content-marketing': ['Content that earns attention instead of buying it', 'Publishing like a newsroom'],
	seo: ['Winning search in crowded categories', 'Organic growth, one answer at a time'],
	'customer-experience': ['Experience is the brand', 'Fixing the moments customers remember'],
	'marketing-operations': ['Marketing operations that make teams faster', 'Plumbing first, then the magic'],
	martech: ['A martech stack half the size that does twice as much', 'Choosing tools the team actually uses'],
	'data-privacy': ['Growth in a consent-first world', 'Personalization without being creepy'],
	rebranding: ['Leading rebrands through mergers', 'New name, same customers, more growth'],
	partnerships: ['Growth through partners and co-marketing', 'Better together: partnerships that scale'],
	events: ['Events people cross an ocean for', 'Turning events into pipeline'],
	'public-relations': ['Reputation built before it is needed', 'Telling the company story in hard times'],
	'creative-leadership': ['Creative that is brave and effective', 'Building in-house creative teams'],
	'agency-management': ['Getting the best from agency partners', 'Fewer agencies, better work'],
	'international-expansion': ['Taking brands into new markets', 'Local where it matters, global where it scales'],
	ecommerce: ['Scaling direct-to-consumer profitably', 'E-commerce growth beyond paid social'],
	'customer-insights': ['Customer insight as the start of every plan', 'Listening at scale'],
	'go-to-market': ['Go-to-market plans that survive contact with sales', 'From launch plan to revenue'],
}

/** Titles members held at earlier employers (past_roles). */
export const pastRoleTitles = [
	{ value: 'VP Marketing', weight: 5 },
	{ value: 'Marketing Director', weight: 5 },
	{ value: 'Head of Brand', weight: 3 },
	{ value: 'Director of Growth', weight: 3 },
	{ value: 'Senior Director, Product Marketing', weight: 2 },
	{ value: 'Head of CRM & Loyalty', weight: 2 },
	{ value: 'Chief Marketing Officer', weight: 3 },
	{ value: 'Director of Communications', weight: 2 },
] as const

/**
 * Plausible secondary NAICS codes for diversified companies, by primary code: a grocer with
 * in-store pharmacies, a bank that sells insurance, a telecom that streams. Every code exists in
 * db/data/naics-2022.csv.
 */
export const diversifications: Record<string, readonly string[]> = {
	'111332': ['312130'],
	'112120': ['311511'],
	'111331': ['311421'],
	'212220': ['212230'],
	'211130': ['221210'],
	'221122': ['221210', '221115'],
	'221115': ['221122'],
	'236117': ['531210'],
	'238220': ['238210'],
	'312111': ['312112'],
	'312120': ['722410'],
	'312130': ['424820'],
	'325620': ['456120'],
	'325412': ['325414'],
	'336110': ['522220'],
	'311111': ['812910'],
	'339920': ['458110'],
	'335220': ['811412'],
	'334111': ['513210'],
	'424410': ['493120'],
	'423430': ['541512'],
	'424820': ['312130'],
	'445110': ['456110', '457110'],
	'445131': ['457110'],
	'458110': ['315250'],
	'456110': ['445131'],
	'444110': ['238220'],
	'455110': ['458110'],
	'449210': ['811210'],
	'456120': ['812112'],
	'481111': ['561510'],
	'492110': ['493110'],
	'488510': ['493110'],
	'485310': ['532111'],
	'513210': ['518210', '541512'],
	'516210': ['512110'],
	'517112': ['516210'],
	'513110': ['516210'],
	'518210': ['513210'],
	'522110': ['524210', '523150'],
	'522130': ['522310'],
	'522320': ['522210'],
	'524126': ['524113'],
	'524113': ['523940'],
	'523940': ['523150'],
	'531210': ['531311'],
	'532111': ['532120'],
	'531130': ['484210'],
	'541810': ['541613'],
	'541611': ['541612'],
	'541512': ['541511'],
	'541910': ['541613'],
	'551112': ['531120'],
	'561510': ['721110'],
	'561320': ['561311'],
	'561621': ['238210'],
	'611310': ['611430'],
	'611430': ['611710'],
	'611630': ['611430'],
	'622110': ['621111'],
	'621210': ['339116'],
	'621610': ['623312'],
	'711211': ['711320'],
	'713940': ['611620'],
	'713110': ['721110'],
	'711310': ['711320'],
	'721110': ['722511'],
	'722513': ['311412'],
	'722515': ['311920'],
	'722511': ['722320'],
	'812112': ['456120'],
	'812910': ['541940'],
	'811192': ['457110'],
	'813211': ['813219'],
}

/**
 * Industries whose marketers often name a company from another industry group as a
 * competitor (declared_competitors): from the first code's members to the second's companies.
 */
export const competitorAffinities: readonly (readonly [string, string])[] = [
	['713940', '339920'],
	['339920', '713940'],
	['516210', '517112'],
	['517112', '516210'],
	['481111', '532111'],
	['721110', '561510'],
	['561510', '721110'],
	['522320', '522110'],
	['522110', '522320'],
	['524126', '522110'],
	['456120', '325620'],
	['325620', '456120'],
	['611430', '611310'],
	['541611', '541512'],
	['541512', '541611'],
	['722513', '445131'],
	['458110', '339920'],
	['236117', '531210'],
	['492110', '488510'],
	['513110', '516210'],
	['812910', '311111'],
	['449210', '334111'],
]

/** Notes sent with connection requests; `phrase` is an expertise phrase of the addressee. */
export const connectionNotes: readonly ((phrase: string) => string)[] = [
	(phrase) => `Would love to compare notes on ${phrase}.`,
	(phrase) => `Saw your profile: I am rebuilding our ${phrase} approach and would value your view.`,
	(phrase) => `We met briefly at the spring roundtable. Keen to continue the ${phrase} conversation.`,
	(phrase) => `Your work on ${phrase} came up in my peer group. Open to a 30-minute call?`,
	() => `Looking to connect with leaders outside my category. Hope you are open to it.`,
]
