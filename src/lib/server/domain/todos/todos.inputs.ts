import { z } from 'zod';

const id = (field: string) =>
  z
    .number({ message: `${field} must be an id` })
    .int()
    .positive();
const title = z
  .string()
  .trim()
  .min(1, { message: 'A title is required' })
  .max(200, { message: 'A title has at most 200 characters' });

export const newTodoListInput = z.object({ groupId: id('groupId'), title });
export type NewTodoListInput = z.input<typeof newTodoListInput>;

export const newTodoInput = z.object({
  todoListId: id('todoListId'),
  title,
  status: z.boolean().nullish(),
  dueDate: z.date({ message: 'dueDate must be a date-time' }).nullish(),
  assignedToId: id('assignedToId').nullish()
});
export type NewTodoInput = z.input<typeof newTodoInput>;

/** What an update changes: absent keeps the value; `null` clears the due date or the assignee. */
export const todoChangesInput = z.object({
  id: id('id'),
  todoListId: id('todoListId').optional(),
  title: title.optional(),
  status: z.boolean().optional(),
  dueDate: z.date({ message: 'dueDate must be a date-time' }).nullable().optional(),
  assignedToId: id('assignedToId').nullable().optional()
});
export type TodoChanges = z.input<typeof todoChangesInput>;

/** A todo list as another server describes it (see federation/converters/todo.ts). */
export const remoteTodoListInput = z.object({ apId: z.url(), groupId: id('groupId'), title });
export type RemoteTodoListInput = z.input<typeof remoteTodoListInput>;

export const remoteTodoInput = z.object({
  apId: z.url(),
  todoListApId: z.url(),
  title,
  status: z.boolean().default(false),
  dueDate: z.date().nullish(),
  assignedToId: id('assignedToId').nullish()
});
export type RemoteTodoInput = z.input<typeof remoteTodoInput>;
