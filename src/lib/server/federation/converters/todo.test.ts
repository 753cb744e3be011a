import { describe, expect, it } from 'vitest';
import { todoFromAp, todoListFromAp, todoListToAp, todoToAp, type TodoData } from './todo.ts';

const published = new Date('2026-03-01T10:00:00.000Z');
const list = { id: 'https://a.example/todo-list/1', group: 'https://a.example/@jardin', title: 'Spring', published };
const todo: TodoData = {
  id: 'https://a.example/todo/2',
  creator: 'https://b.example/@bea',
  group: list.group,
  todoList: list.id,
  title: 'Buy seeds',
  done: true,
  dueDate: new Date('2026-04-01T00:00:00.000Z'),
  assignedTo: 'https://a.example/@rose',
  published
};

describe('Mobilizon’s TodoList and Todo', () => {
  it('writes a TodoList as Mobilizon does, and reads it back', () => {
    expect(todoListToAp(list)).toEqual({
      type: 'TodoList',
      id: list.id,
      actor: list.group,
      name: 'Spring',
      published: '2026-03-01T10:00:00.000Z'
    });
    expect(todoListFromAp(todoListToAp(list))).toEqual(list);
  });

  it('writes a Todo with its creator, group, list and status, and reads it back', () => {
    expect(todoToAp(todo)).toMatchObject({
      type: 'Todo',
      actor: todo.creator,
      attributedTo: todo.group,
      name: 'Buy seeds',
      status: true,
      todoList: list.id,
      dueDate: '2026-04-01T00:00:00.000Z',
      assignedTo: todo.assignedTo
    });
    expect(todoFromAp(todoToAp(todo))).toEqual(todo);
  });

  it('leaves out what is not set, as Mobilizon sends it', () => {
    const plain = todoToAp({ ...todo, done: false, dueDate: null, assignedTo: null });
    expect(plain).not.toHaveProperty('dueDate');
    expect(plain).not.toHaveProperty('assignedTo');
    expect(todoFromAp(plain)).toMatchObject({ done: false, dueDate: null, assignedTo: null });
  });

  it('reads objects given by reference or with a language map', () => {
    const json = { ...todoToAp(todo), name: undefined, nameMap: { fr: 'Semer' }, actor: { id: todo.creator } };
    expect(todoFromAp(json)).toMatchObject({ title: 'Semer', creator: todo.creator });
  });

  it('refuses another type, a missing part, or a blank title', () => {
    expect(todoListFromAp({ ...todoListToAp(list), type: 'Note' })).toBeNull();
    expect(todoListFromAp({ ...todoListToAp(list), name: '  ' })).toBeNull();
    expect(todoFromAp({ ...todoToAp(todo), todoList: undefined })).toBeNull();
    expect(todoFromAp({ ...todoToAp(todo), attributedTo: undefined })).toBeNull();
    expect(todoFromAp('https://a.example/todo/2')).toBeNull();
  });
});
