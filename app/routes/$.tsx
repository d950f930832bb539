/** Any URL no other route matches renders the root error boundary as a real 404. */
export async function loader() {
	throw new Response('The page you asked for does not exist or has moved.', { status: 404 })
}

export async function action() {
	throw new Response('The page you asked for does not exist or has moved.', { status: 404 })
}

export default function NotFound() {
	return null
}
