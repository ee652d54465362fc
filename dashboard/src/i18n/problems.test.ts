import { describe, expect, it } from 'vitest';
import { networkProblem, problemFromResponse } from '../api/errors';
import { describeProblem } from './problems';
import { type Translate, translate } from './translate';

const en: Translate = (key, params) => translate('en', key, params);
const de: Translate = (key, params) => translate('de', key, params);

describe('describeProblem', () => {
  it('explains a network failure in plain words', () => {
    expect(describeProblem(networkProblem(), en)).toBe(
      'The server cannot be reached. Check your connection.',
    );
    expect(describeProblem(networkProblem(), de)).toBe(
      'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung.',
    );
  });

  it("hides the server's technical text for a server error", () => {
    const problem = problemFromResponse(500, { error: { code: 'internal', message: 'SQLITE_BUSY' } });
    expect(describeProblem(problem, en)).not.toContain('SQLITE');
  });

  it("adds the server's sentence where only it knows what clashed", () => {
    const problem = problemFromResponse(409, {
      error: { code: 'duplicate', message: 'A site "Shop" exists' },
    });
    expect(describeProblem(problem, en)).toBe(
      'This clashes with data that already exists. The server says: “A site "Shop" exists”',
    );
  });
});
