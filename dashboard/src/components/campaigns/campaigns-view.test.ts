import { describe, expect, it } from 'vitest';
import { campaignsViewFromParams, MAX_PICKED, sortChange, togglePicked } from './campaigns-view';

const view = (search: string) => campaignsViewFromParams(new URLSearchParams(search));

describe('the Campaigns view in the URL', () => {
  it.each([
    ['', 'campaign', null, null],
    ['campaign=c1', 'adset', 'c1', null],
    ['campaign=c1&adset=s1', 'ad', 'c1', 's1'],
    // an ad set without its campaign is no level at all
    ['adset=s1', 'campaign', null, null],
    ['campaign=%3Cscript%3E', 'campaign', null, null],
  ])('%s is the %s level', (search, level, campaign, adset) => {
    expect(view(search)).toMatchObject({ level, campaign, adset });
  });

  it('reads the picked campaigns in order, without repeats or more than the maximum', () => {
    expect(view('pick=a,b,a,,c').picked).toEqual(['a', 'b', 'c']);
    expect(view('pick=1,2,3,4,5,6,7').picked).toHaveLength(MAX_PICKED);
  });

  it('sorts a new column from the top, and turns the order over on the same column', () => {
    expect(sortChange(view(''), 'newContacts', 'spend')).toEqual({ sort: 'newContacts', order: 'desc' });
    expect(sortChange(view(''), 'spend', 'spend')).toEqual({ sort: 'spend', order: 'asc' });
    expect(sortChange(view('sort=spend&order=asc'), 'spend', 'spend')).toEqual({ sort: 'spend', order: 'desc' });
  });

  it('picks at most five campaigns', () => {
    expect(togglePicked(['a'], 'b')).toEqual(['a', 'b']);
    expect(togglePicked(['a', 'b'], 'a')).toEqual(['b']);
    expect(togglePicked(['1', '2', '3', '4', '5'], '6')).toEqual(['1', '2', '3', '4', '5']);
  });
});
