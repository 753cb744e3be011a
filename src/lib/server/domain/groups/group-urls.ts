/** A local group's collections, in Mobilizon's URL scheme (see ../shared/mobilizon/activitypub.md). */
export function groupCollectionUrls(publicUrl: string, username: string) {
  const id = `${publicUrl}/@${username}`;
  return {
    membersUrl: `${id}/members`,
    resourcesUrl: `${id}/resources`,
    postsUrl: `${id}/posts`,
    eventsUrl: `${id}/events`,
    todosUrl: `${id}/todos`,
    discussionsUrl: `${id}/discussions`
  };
}

export function memberApId(publicUrl: string, uuid: string): string {
  return `${publicUrl}/member/${uuid}`;
}
