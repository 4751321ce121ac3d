import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { defaultConfig } from '../../../src/config/defaults.js';
import { createReleasers } from '../../../src/releasers.js';
import { captureLogger } from '../../helpers/test-app.js';

describe('releasers', () => {
  it('run last added first, each once, and a throwing one does not skip the others', async () => {
    const ran: string[] = [];
    const releasers = createReleasers();
    releasers.add(() => { ran.push('database'); });
    releasers.add(() => { ran.push('platforms'); throw new Error('platforms would not close'); });
    releasers.add(async () => { ran.push('server'); await Promise.resolve(); throw new Error('server would not close'); });

    // The first error (the last acquired resource's) is the one re-thrown, after all ran.
    await expect(releasers.releaseAll()).rejects.toThrow('server would not close');
    expect(ran).toEqual(['server', 'platforms', 'database']);

    await expect(releasers.releaseAll()).rejects.toThrow('server would not close');
    expect(ran).toEqual(['server', 'platforms', 'database']);
  });

  it('a second call while the first runs waits for it and runs nothing again', async () => {
    const ran: string[] = [];
    let finish!: () => void;
    const releasers = createReleasers();
    releasers.add(() => { ran.push('first'); });
    releasers.add(() => new Promise<void>((resolve) => { ran.push('second'); finish = resolve; }));
    const first = releasers.releaseAll();
    const second = releasers.releaseAll();
    finish();
    await Promise.all([first, second]);
    expect(ran).toEqual(['second', 'first']);
  });
});

describe('app.close()', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('closes the database even when closing the platform clients throws, and re-throws that error once', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ecom-sync-close-'));
    const config = defaultConfig();
    config.database.url = `sqlite://${path.join(dir, 'close.db')}`;
    const app = await createApp(config, captureLogger().logger, { env: {} });
    await app.db.selectFrom('stores').select('id_store').execute();

    let platformCloses = 0;
    app.platforms.close = () => {
      platformCloses += 1;
      return Promise.reject(new Error('platform clients would not close'));
    };

    await expect(app.close()).rejects.toThrow('platform clients would not close');
    // The database releaser ran after the failing one: the connection is gone.
    await expect(app.db.selectFrom('stores').select('id_store').execute()).rejects.toThrow();

    await expect(app.close()).rejects.toThrow('platform clients would not close');
    expect(platformCloses).toBe(1);
  });
});
