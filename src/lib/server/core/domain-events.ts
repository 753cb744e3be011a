import type { MemberRole } from '../db/schema/groups.ts';

/**
 * Facts the domain records in the transaction that caused them. Jobs react to them after commit
 * (federation, email, notifications). Payloads carry ids, never whole rows: handlers re-read.
 */
export interface DomainEventMap {
  UserCreated: { userId: number };
  /** A registration (or a resend) needs a confirmation email. */
  ConfirmationRequested: { userId: number };
  /**
   * Someone asked for the confirmation email again, or for a reset link, for this address. Recorded
   * for every address (known or not) so that the answer takes the same time; the mail job decides.
   */
  ConfirmationResendRequested: { email: string };
  PasswordResetRequested: { email: string };
  /** A signed-in user asked to move the account to another address (confirmation to the new one). */
  EmailChangeRequested: { userId: number; newEmail: string };
  PersonCreated: { actorId: number };
  PersonUpdated: { actorId: number };
  /**
   * A local profile became a tombstone; the federated Delete follows from this. `alsoTell`: remote
   * actors it was linked to through participations that are gone now (organizers of remote events).
   */
  PersonDeleted: { actorId: number; alsoTell?: number[] };
  EventCreated: { eventId: number };
  /** What changed matters to participants: mails go for a new time or place, or a cancellation. */
  EventUpdated: {
    eventId: number;
    published: boolean;
    timeChanged: boolean;
    placeChanged: boolean;
    cancelled: boolean;
  };
  /**
   * A local profile (`actorId`, moderator there) changed our copy of the event of a group on another
   * server: the change is proposed to the group's server, whose version then reaches everyone.
   */
  RemoteGroupEventChanged: { eventId: number; actorId: number };
  /** A group's public event was published (created, or its draft published): its followers hear of it. */
  GroupEventPublished: { eventId: number; groupId: number };
  /** The row is gone: federation needs its id and organizer. */
  EventDeleted: { eventId: number; apId: string; organizerActorId: number; participantActorIds?: number[] };
  /** A profile joined an event (as a participant, or as a request awaiting approval). */
  ParticipantJoined: { participantId: number };
  /** The participation row is gone: what federation and mail need is carried here. */
  ParticipantLeft: { eventId: number; actorId: number; participantApId: string };
  ParticipantRoleChanged: { participantId: number; from: string; to: string };
  /**
   * A profile of another server asked to join a local event and was refused at once (the event is
   * full, cancelled, or takes no participations); nothing is stored, the Reject is built from these.
   */
  RemoteJoinRefused: { eventId: number; actorId: number; joinApId: string; reason: string };
  /**
   * A profile of another server asked again (a new Join) to join a local event it already has a
   * participation in: the participation takes the new id and the answer it has is sent again.
   */
  RemoteJoinRepeated: { participantId: number };
  /** An organizer asked for the participant list as a file; a job writes it. */
  ParticipantExportRequested: { exportId: number };
  /** An organizer's announcement (a conversation's first comment) goes by mail to these roles. */
  EventAnnouncementSent: { commentId: number; roles: string[] };
  CommentCreated: { commentId: number };
  CommentUpdated: { commentId: number };
  /** The comment became a tombstone (its row stays, text gone), removed by this profile when one did. */
  CommentDeleted: { commentId: number; byActorId?: number | null };
  FollowRequested: { followId: number };
  FollowAccepted: { followId: number };
  /**
   * A follow of a local actor was refused (a profile, or a relay request an administrator rejected);
   * the row is gone or was never stored, so the Reject is built from these.
   */
  FollowRejected: { followApId: string; followerId: number; targetId: number };
  /** A local actor stopped following a remote one (the row is gone); the Undo is built from these. */
  FollowUndone: { followApId: string; followerId: number; targetId: number };
  /** Another server asks to follow this instance's relay: administrators are told and decide. */
  InstanceFollowRequested: { followId: number };
  /** A local profile created a group (it is the group's creator). */
  GroupCreated: { groupId: number };
  GroupUpdated: { groupId: number };
  /** A local group became a tombstone; its members and followers (ids kept here) are told. */
  GroupDeleted: { groupId: number; audienceActorIds: number[] };
  /**
   * A membership row was created or changed role (`from` null: it is new). `byActorId`: who made
   * the change (the member itself when joining, accepting or leaving).
   */
  MemberChanged: {
    memberId: number;
    actorId: number;
    groupId: number;
    from: MemberRole | null;
    to: MemberRole;
    byActorId: number | null;
  };
  /** A membership row is gone (left, removed, an invitation declined); federation needs what was in it. */
  MemberRemoved: {
    groupId: number;
    actorId: number;
    memberApId: string;
    role: MemberRole;
    byActorId: number | null;
  };
  /** A post was written in a group (here, or by a remote moderator of a local group). */
  PostCreated: { postId: number };
  /** A post changed; `wasDraft`: it was a draft before this change (published now if it is no more). */
  PostUpdated: { postId: number; wasDraft: boolean; byActorId?: number | null };
  /** The post row is gone: federation needs what was in it. */
  PostDeleted: {
    postId: number;
    apId: string;
    groupId: number;
    authorId: number | null;
    visibility: 'public' | 'unlisted' | 'private';
    draft: boolean;
    local: boolean;
    /** Who deleted it (a moderator, here or on another server), when known. */
    byActorId?: number | null;
  };
  /** A todo list was made in a group (here, or by a remote member in a local group). */
  TodoListCreated: { todoListId: number; byActorId: number | null };
  /** A remote member renamed a todo list of a local group. */
  TodoListUpdated: { todoListId: number; byActorId: number | null };
  /** `byActorId`, here and below: who acted (a local profile or a remote member); null: a group's say. */
  TodoCreated: { todoId: number; byActorId: number | null };
  /** A todo was renamed, ticked, rescheduled, (re)assigned or moved to another list. */
  TodoUpdated: { todoId: number; byActorId: number | null };
  /** A discussion was started in a group, with its first message. */
  DiscussionCreated: { discussionId: number; commentId: number };
  DiscussionReplied: { discussionId: number; commentId: number };
  DiscussionRenamed: { discussionId: number; oldTitle: string; byActorId?: number | null };
  /** The discussion and its messages are gone; federation needs what was in them. */
  DiscussionDeleted: {
    discussionId: number;
    apId: string;
    groupId: number;
    commentApIds: string[];
    byActorId: number | null;
  };
  /** A group resource (folder, link or document) was added, by a local profile or a remote member. */
  ResourceCreated: { resourceId: number; byActorId: number | null };
  /** Renamed, moved (`movedFrom`: the former parent's id, null for the root) or otherwise changed. */
  ResourceUpdated: { resourceId: number; byActorId: number | null; movedFrom?: number | null };
  /** The row is gone, with a folder's whole content; federation needs what was in it. */
  ResourceDeleted: { resourceId: number; apId: string; groupId: number; type: string; byActorId: number | null };
  /** A report reached this instance's moderators: made here, or received as a Flag. */
  ReportCreated: { reportId: number };
  /**
   * A remote actor's avatar or banner, or a remote event's picture, is now this URL (null: none). A
   * job fetches it and stores a local copy; a later change for the same target supersedes it.
   */
  RemotePictureChanged: { target: RemotePictureTarget; id: number; url: string | null };
}

/** Which picture of which row: a remote actor's avatar or banner, or a remote event's picture. */
export type RemotePictureTarget = 'avatar' | 'banner' | 'event';

export type DomainEventType = keyof DomainEventMap;

export interface DomainEvent<T extends DomainEventType = DomainEventType> {
  id: number;
  type: T;
  payload: DomainEventMap[T];
  occurredAt: string;
}
