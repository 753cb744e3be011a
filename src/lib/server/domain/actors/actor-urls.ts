/** Mobilizon's URL scheme for local actors (see ../shared/mobilizon/activitypub.md). */
export function localActorUrls(publicUrl: string, username: string) {
  const id = `${publicUrl}/@${username}`;
  return {
    apId: id,
    url: id,
    inboxUrl: `${id}/inbox`,
    outboxUrl: `${id}/outbox`,
    followersUrl: `${id}/followers`,
    followingUrl: `${id}/following`,
    sharedInboxUrl: `${publicUrl}/inbox`
  };
}

export function instanceActorUrls(publicUrl: string) {
  const id = `${publicUrl}/relay`;
  return {
    apId: id,
    url: id,
    inboxUrl: `${publicUrl}/inbox`,
    outboxUrl: `${id}/outbox`,
    followersUrl: `${id}/followers`,
    followingUrl: `${id}/following`,
    sharedInboxUrl: `${publicUrl}/inbox`
  };
}
