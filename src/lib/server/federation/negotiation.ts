/** Whether a request asks for ActivityPub JSON rather than a page. */
export function wantsActivityJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return /application\/activity\+json|application\/ld\+json/i.test(accept);
}

export const AP_CONTENT_TYPE = 'application/activity+json; charset=utf-8';

export const activityJson = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: { 'content-type': AP_CONTENT_TYPE, vary: 'Accept', 'access-control-allow-origin': '*' }
  });
