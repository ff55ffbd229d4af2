import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanArray, integerArray, jsonArray, textArray } from '../../server/src/db/postgres-arrays.ts';
import { freshDatabase, type TestDatabase } from './support/test-server.ts';

/**
 * The push's columns travel as arrays in PostgreSQL's binary format, built by hand (server/src/db/postgres-arrays.ts):
 * whatever a kader types must come back from PostgreSQL exactly, quotes, backslashes, commas, braces, NULL, words
 * that are not ASCII and empty arrays included.
 */
describe('array parameters built for PostgreSQL', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    client = new pg.Client({ connectionString: database.databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    database?.cleanup();
  });

  const awkward = [
    '',
    'Siti "Ani" Aminah',
    'C:\\rumah\\ke-2',
    'a,b{c}d',
    'NULL',
    'Désa Sukamaju 🌾',
    ' spasi ',
    '\n\t',
  ];

  it('gives back text exactly, NULL elements as NULL', async () => {
    const values = [...awkward, null];
    const res = await client.query<{ t: (string | null)[]; n: number }>(
      'SELECT $1::text[] AS t, cardinality($1::text[]) AS n',
      [textArray(values)],
    );
    expect(res.rows[0]?.t).toEqual(values);
    expect(res.rows[0]?.n).toBe(values.length);
  });

  it('gives back JSON exactly as json, and refuses text that is not JSON', async () => {
    const values = awkward.map((name, i) => ({ name, nested: { list: [i, null, true], quote: '"\\' } }));
    const res = await client.query<{ j: unknown[] }>('SELECT $1::json[] AS j', [
      jsonArray([...values.map((v) => JSON.stringify(v)), null]),
    ]);
    expect(res.rows[0]?.j).toEqual([...values, null]);
    await expect(client.query('SELECT $1::json[]', [jsonArray(['{not json'])])).rejects.toThrow(/json/i);
  });

  it('sends empty arrays, integers and booleans', async () => {
    const res = await client.query<{ t: string[]; j: unknown[]; i: string[]; b: boolean[] }>(
      'SELECT $1::text[] AS t, $2::json[] AS j, $3::bigint[] AS i, $4::boolean[] AS b',
      [textArray([]), jsonArray([]), integerArray([1, 9_007_199_254_740_991]), booleanArray([true, false])],
    );
    expect(res.rows[0]).toEqual({ t: [], j: [], i: ['1', '9007199254740991'], b: [true, false] });
    expect(() => integerArray([1.5])).toThrow();
  });
});
