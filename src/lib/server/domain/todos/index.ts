export { TodosService } from './todos.service.ts';
export { TodosQueries } from './todos.queries.ts';
export { todoApId, todoListApId } from './todo-urls.ts';
export type {
  NewTodoInput,
  NewTodoListInput,
  RemoteTodoInput,
  RemoteTodoListInput,
  TodoChanges
} from './todos.inputs.ts';
export { deleteTodosOfGroup } from './todos-of-group.ts';
