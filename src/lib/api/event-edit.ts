import { graphql } from './client.ts';
import type { EventFields } from './events.ts';

export interface UpdateEventVariables extends Partial<EventFields>, Record<string, unknown> {
  eventId: string;
  organizerActorId?: string;
}

export const UPDATE_EVENT = graphql<
  { updateEvent: { id: string; uuid: string; draft: boolean | null } },
  UpdateEventVariables
>(`
  mutation UpdateEventFromPage(
    $eventId: ID!
    $organizerActorId: ID
    $title: String
    $description: String
    $beginsOn: DateTime
    $endsOn: DateTime
    $status: EventStatus
    $visibility: EventVisibility
    $joinOptions: EventJoinOptions
    $externalParticipationUrl: String
    $draft: Boolean
    $category: EventCategory
    $language: String
    $tags: [String]
    $picture: MediaInput
    $metadata: [EventMetadataInput]
    $onlineAddress: String
    $physicalAddress: AddressInput
    $options: EventOptionsInput
  ) {
    updateEvent(
      eventId: $eventId
      organizerActorId: $organizerActorId
      title: $title
      description: $description
      beginsOn: $beginsOn
      endsOn: $endsOn
      status: $status
      visibility: $visibility
      joinOptions: $joinOptions
      externalParticipationUrl: $externalParticipationUrl
      draft: $draft
      category: $category
      language: $language
      tags: $tags
      picture: $picture
      metadata: $metadata
      onlineAddress: $onlineAddress
      physicalAddress: $physicalAddress
      options: $options
    ) {
      id
      uuid
      draft
    }
  }
`);

export const DELETE_EVENT = graphql<{ deleteEvent: { id: string } | null }, { eventId: string }>(`
  mutation DeleteEventFromPage($eventId: ID!) {
    deleteEvent(eventId: $eventId) {
      id
    }
  }
`);
