import { describe, expect, it } from 'vitest';
import { PosyanduDb } from '../../src/storage/db.ts';
import { openStorage } from '../../src/storage/index.ts';
import { enrolledStorage, uniqueDbName } from './fixtures.ts';

class NextVersionDb extends PosyanduDb {
  constructor(name: string) {
    super(name);
    this.version(this.verno + 1).stores({ followUpTasks: 'id, personId' });
  }
}

describe('an upgrade from another tab', () => {
  it('tells the open tab that its database was replaced, so it can reload instead of failing silently', async () => {
    const name = uniqueDbName('replaced');
    const oldTab = await enrolledStorage({ name });
    let told = 0;
    const unsubscribe = oldTab.onReplaced(() => {
      told += 1;
    });
    const newTab = openStorage({ name, db: new NextVersionDb(name) });
    expect(await newTab.countPending()).toBe(0);
    expect(told).toBe(1);
    unsubscribe();
    newTab.close();
  });
});
