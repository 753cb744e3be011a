import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { isTimeZone } from '../../time/zoned-time.ts';
import type { UploadedFile } from '../domain/media/index.ts';
import { builder } from './builder.ts';

const stringLiteral = (ast: ValueNode, name: string): string => {
  if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`);
  return ast.value;
};

const parseDateTime = (value: unknown): Date => {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)
  ) {
    throw new GraphQLError('DateTime must be an ISO 8601 date-time with an offset, e.g. 2026-03-14T14:00:00Z');
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime is not a valid date');
  return date;
};

builder.scalarType('DateTime', {
  description: 'An ISO 8601 date-time with an offset, serialized in UTC',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast, 'DateTime'))
});

/** Mobilizon's NaiveDateTime: a UTC date-time written without an offset (`2026-03-14T14:00:00`). */
const parseNaive = (value: unknown): Date => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/i.test(value)) {
    throw new GraphQLError('NaiveDateTime must be an ISO 8601 date-time without an offset, in UTC');
  }
  return new Date(value.endsWith('Z') || value.endsWith('z') ? value : `${value}Z`);
};

builder.scalarType('NaiveDateTime', {
  description: 'A UTC date-time without an offset',
  serialize: (value) => value.toISOString().slice(0, 19),
  parseValue: parseNaive,
  parseLiteral: (ast) => parseNaive(stringLiteral(ast, 'NaiveDateTime'))
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parseUuid = (value: unknown): string => {
  if (typeof value !== 'string' || !UUID_RE.test(value)) throw new GraphQLError('UUID is not valid');
  return value.toLowerCase();
};
builder.scalarType('UUID', {
  serialize: (value) => value,
  parseValue: parseUuid,
  parseLiteral: (ast) => parseUuid(stringLiteral(ast, 'UUID'))
});

const parsePoint = (value: unknown): string => {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?;-?\d+(\.\d+)?$/.test(value)) {
    throw new GraphQLError('Point must be "longitude;latitude"');
  }
  return value;
};
builder.scalarType('Point', {
  description: 'A WGS84 point as "longitude;latitude"',
  serialize: (value) => value,
  parseValue: parsePoint,
  parseLiteral: (ast) => parsePoint(stringLiteral(ast, 'Point'))
});

const parseTimezone = (value: unknown): string | null => {
  if (value === '' || value === null) return null;
  if (typeof value !== 'string') throw new GraphQLError('Timezone must be an IANA time zone name');
  if (!isTimeZone(value)) throw new GraphQLError(`Unknown time zone: ${value}`);
  return value;
};
builder.scalarType('Timezone', {
  description: 'An IANA time zone name, e.g. Europe/Paris',
  serialize: (value) => value,
  parseValue: parseTimezone,
  parseLiteral: (ast) => parseTimezone(stringLiteral(ast, 'Timezone'))
});

/**
 * A file part of a multipart request (GraphQL multipart request spec). Yoga hands it over as a web
 * File, possibly from its own fetch implementation rather than Node's: it is recognized by its shape.
 */
const parseUpload = (value: unknown): UploadedFile => {
  const file = value as Partial<UploadedFile> | null;
  if (typeof file === 'object' && file !== null && typeof file.arrayBuffer === 'function') {
    return file as UploadedFile;
  }
  throw new GraphQLError('Upload must be a file sent as a part of a multipart request');
};
builder.scalarType('Upload', {
  description: 'A file sent as a multipart request part',
  serialize: () => {
    throw new GraphQLError('Upload cannot be returned');
  },
  parseValue: parseUpload,
  parseLiteral: () => {
    throw new GraphQLError('Upload must be a file sent as a part of a multipart request, not a literal');
  }
});
