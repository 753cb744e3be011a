import { DomainError } from '../../core/errors.ts';
import type { Todo as TodoRow, TodoList as TodoListRow } from '../../db/schema/groups.ts';
import { canInGroup } from '../../domain/groups/index.ts';
import { actingAs } from '../acting.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, requireUser } from '../guards.ts';
import { Actor } from './actors.ts';
import { Group } from './groups.ts';
import { todoLoaders } from './todo-loaders.ts';

export const TodoList = builder.objectRef<TodoListRow>('TodoList');
export const Todo = builder.objectRef<TodoRow>('Todo');

const PaginatedTodoList = builder.objectRef<{ total: number; elements: TodoRow[] }>('PaginatedTodoList').implement({
  description: 'A paginated list of todos',
  fields: (t) => ({
    elements: t.field({ type: [Todo], nullable: { list: true, items: true }, resolve: (p) => p.elements }),
    total: t.exposeInt('total')
  })
});

const PaginatedTodoListList = builder
  .objectRef<{ total: number; elements: TodoListRow[] }>('PaginatedTodoListList')
  .implement({
    description: 'A paginated list of todo-lists',
    fields: (t) => ({
      elements: t.field({ type: [TodoList], nullable: { list: true, items: true }, resolve: (p) => p.elements }),
      total: t.exposeInt('total')
    })
  });

TodoList.implement({
  description: "A group's todo list (its members see it)",
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    actor: t.field({
      type: Actor,
      description: 'The group',
      resolve: (l, _a, ctx) => ctx.loaders.actor.load(l.groupId)
    }),
    todos: t.field({
      type: PaginatedTodoList,
      args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
      resolve: (l, args, ctx) =>
        todoLoaders(ctx).todosOfList.load({ listId: l.id, page: args.page ?? 1, limit: args.limit ?? 10 })
    })
  })
});

Todo.implement({
  description: 'One thing to do, in a todo list',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    status: t.boolean({ description: 'Done', resolve: (todo) => todo.done }),
    dueDate: t.field({ type: 'DateTime', resolve: (todo) => todo.dueDate }),
    creator: t.field({
      type: Actor,
      resolve: (todo, _a, ctx) => (todo.creatorId === null ? null : ctx.loaders.actor.load(todo.creatorId))
    }),
    todoList: t.field({ type: TodoList, resolve: (todo, _a, ctx) => todoLoaders(ctx).todoList.load(todo.todoListId) }),
    assignedTo: t.field({
      type: Actor,
      resolve: (todo, _a, ctx) => (todo.assignedToId === null ? null : ctx.loaders.actor.load(todo.assignedToId))
    })
  })
});

builder.objectField(Group, 'todoLists', (t) =>
  t.field({
    type: PaginatedTodoListList,
    description: "The group's todo lists (to its members; empty for others)",
    args: { page: t.arg.int({ defaultValue: 1 }), limit: t.arg.int({ defaultValue: 10 }) },
    resolve: async (group, args, ctx) => {
      if (!canInGroup(await ctx.loaders.viewerRole.load(group.id), 'todo.see')) return { total: 0, elements: [] };
      return ctx.services.queries.todos.listsOfGroup(group.id, { page: args.page, limit: args.limit });
    }
  })
);

const requiredId = (raw: string | number, field: string, notFound: string) => {
  const id = parseId(raw);
  if (id === null) throw new DomainError('not_found', notFound, { field });
  return id;
};

/** An optional id argument: absent stays absent, null stays null, anything else must be an id. */
const optionalId = (raw: string | number | null | undefined, field: string) => {
  if (raw === undefined || raw === null) return raw;
  const id = parseId(raw);
  if (id === null) throw new DomainError('validation', `${field} must be an id`, { field });
  return id;
};

/** A todo list, shown only to a member of its group. */
async function visibleList(ctx: GraphQLContext, id: number | undefined): Promise<TodoListRow> {
  requireUser(ctx);
  const list = id === undefined ? undefined : await todoLoaders(ctx).todoList.load(id);
  if (!list) throw new DomainError('not_found', 'Todo list not found', { field: 'id' });
  if (!canInGroup(await ctx.loaders.viewerRole.load(list.groupId), 'todo.see')) {
    throw new DomainError('forbidden', 'Only members of this group can see its todos', { field: 'id' });
  }
  return list;
}

builder.queryFields((t) => ({
  todoList: t.field({
    type: TodoList,
    description: 'Get a todo list',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => visibleList(ctx, parseId(args.id) ?? undefined)
  }),
  todo: t.field({
    type: Todo,
    description: 'Get a todo',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => {
      requireUser(ctx);
      const id = parseId(args.id);
      const todo = id === null ? undefined : await ctx.services.queries.todos.todoById(id);
      if (!todo) throw new DomainError('not_found', 'Todo not found', { field: 'id' });
      await visibleList(ctx, todo.todoListId);
      return todo;
    }
  })
}));

builder.mutationFields((t) => ({
  createTodoList: t.field({
    type: TodoList,
    description: 'Create a todo list',
    args: { title: t.arg.string({ required: true }), groupId: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) =>
      ctx.services.todos.createTodoList(await actingAs(ctx), {
        title: args.title,
        groupId: requiredId(args.groupId, 'groupId', 'Group not found')
      })
  }),
  createTodo: t.field({
    type: Todo,
    description: 'Create a todo',
    args: {
      todoListId: t.arg.id({ required: true }),
      title: t.arg.string({ required: true }),
      status: t.arg.boolean(),
      dueDate: t.arg({ type: 'DateTime' }),
      assignedToId: t.arg.id()
    },
    resolve: async (_r, args, ctx) =>
      ctx.services.todos.createTodo(await actingAs(ctx), {
        todoListId: requiredId(args.todoListId, 'todoListId', 'Todo list not found'),
        title: args.title,
        status: args.status,
        dueDate: args.dueDate,
        assignedToId: optionalId(args.assignedToId, 'assignedToId')
      })
  }),
  updateTodo: t.field({
    type: Todo,
    description: 'Update a todo',
    args: {
      id: t.arg.id({ required: true }),
      todoListId: t.arg.id(),
      title: t.arg.string(),
      status: t.arg.boolean(),
      dueDate: t.arg({ type: 'DateTime' }),
      assignedToId: t.arg.id()
    },
    resolve: async (_r, args, ctx) =>
      ctx.services.todos.updateTodo(await actingAs(ctx), {
        id: requiredId(args.id, 'id', 'Todo not found'),
        todoListId: optionalId(args.todoListId, 'todoListId') ?? undefined,
        title: args.title ?? undefined,
        status: args.status ?? undefined,
        dueDate: args.dueDate,
        assignedToId: optionalId(args.assignedToId, 'assignedToId')
      })
  })
}));
