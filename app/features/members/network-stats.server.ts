import { db } from '#app/utils/db.server.ts'

/** Headline figures of the network, counted over active members in one query. */
export function getNetworkStats() {
	const row = db.$client
		.prepare(
			`select count(*) as members,
				count(distinct n.sector) as sectors,
				count(distinct p.region) as regions
			from users u
			join member_profiles p on p.user_id = u.id
			join company_sector_codes c on c.company_id = p.company_id and c.is_primary = 1
			join naics_codes n on n.code = c.code
			where u.status = 'active'`,
		)
		.get() as { members: number; sectors: number; regions: number }
	return row
}
