/** The expertise vocabulary members tag themselves with; fixed, so the directory filter stays useful. */
export const expertiseTags = [
	'abm',
	'agency-management',
	'brand-strategy',
	'community',
	'content-marketing',
	'creative-leadership',
	'crm',
	'customer-experience',
	'customer-insights',
	'data-privacy',
	'demand-generation',
	'ecommerce',
	'employer-brand',
	'events',
	'go-to-market',
	'influencer-marketing',
	'international-expansion',
	'loyalty',
	'marketing-mix-modeling',
	'marketing-operations',
	'martech',
	'partnerships',
	'performance-marketing',
	'plg',
	'pricing',
	'product-marketing',
	'public-relations',
	'rebranding',
	'retail-media',
	'seo',
	'sponsorship',
	'sustainability-marketing',
] as const
export type ExpertiseTag = (typeof expertiseTags)[number]

const acronyms: Record<string, string> = { abm: 'ABM', crm: 'CRM', plg: 'PLG', seo: 'SEO' }

/** A tag as it reads mid-sentence: "retail-media" → "retail media", "crm" → "CRM". */
export function expertisePhrase(tag: string) {
	return acronyms[tag] ?? tag.replaceAll('-', ' ')
}

/** A tag as a label: "marketing-mix-modeling" → "Marketing mix modeling", "abm" → "ABM". */
export function expertiseLabel(tag: string) {
	const phrase = expertisePhrase(tag)
	return phrase.charAt(0).toUpperCase() + phrase.slice(1)
}

export const maxExpertiseTags = 8
