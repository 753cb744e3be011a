/** Mobilizon's URLs of todo lists and todos (see ../shared/mobilizon/activitypub.md). */
export const todoListApId = (publicUrl: string, uuid: string) => `${publicUrl}/todo-list/${uuid}`;
export const todoApId = (publicUrl: string, uuid: string) => `${publicUrl}/todo/${uuid}`;
