/** Reads a form post; a body that is not a form (or is cut off) is a 400, not a crash. */
export async function readFormData(request: Request): Promise<FormData> {
	try {
		return await request.formData()
	} catch {
		throw new Response('The request body must be a form submission.', { status: 400 })
	}
}
