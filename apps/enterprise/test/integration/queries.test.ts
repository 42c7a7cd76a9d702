import { admin, applicant, EnterpriseApp, step, submitted } from '../support/enterprise-app';

type Page = { totalCount: number; endCursor: string | null; hasNextPage: boolean; items: Array<{ id: string; name: string }> };

describe('enterprise service: queries', () => {
  let sut: EnterpriseApp;
  const ids: string[] = [];

  beforeAll(async () => {
    sut = await EnterpriseApp.start();
    const names = ['晋中短视频工作室', '太原电竞俱乐部', '大同煤业数字化', '长治虚拟人科技', '运城3D数据采集'];
    const industries = ['short-video', 'esports', 'coal', 'virtual-human', '3d-data'];
    for (let i = 0; i < names.length; i++) ids.push(await submitted(sut, applicant(), { name: names[i], industry: industries[i] }));
    await step(sut, 'takeApplicationIntoReview', ids[1]!);
    await step(sut, 'approveEnterprise', ids[1]!);
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('pages through enterprises newest first with a cursor and a total', async () => {
    const query = 'query P($after: String) { enterprises(first: 2, after: $after) { totalCount endCursor hasNextPage items { id name } } }';
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 5; pageNo++) {
      const { data }: { data: { enterprises: Page } | null | undefined } = await sut.graphql<{ enterprises: Page }>(query, { after }, admin);
      expect(data?.enterprises.totalCount).toBe(5);
      seen.push(...data!.enterprises.items.map((i) => i.id));
      if (!data!.enterprises.hasNextPage) break;
      after = data!.enterprises.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by status, industry, name fragment and application date', async () => {
    const query = 'query F($filter: EnterpriseFilterInput) { enterprises(filter: $filter) { totalCount items { id } } }';
    const run = async (filter: Record<string, unknown>) => (await sut.graphql<{ enterprises: Page }>(query, { filter }, admin)).data!.enterprises;
    expect((await run({ statuses: ['approved'] })).items.map((i) => i.id)).toEqual([ids[1]]);
    expect((await run({ industry: 'coal' })).items.map((i) => i.id)).toEqual([ids[2]]);
    expect((await run({ nameContains: '虚拟人' })).items.map((i) => i.id)).toEqual([ids[3]]);
    expect((await run({ nameContains: '%' })).totalCount).toBe(0);
    expect((await run({ submittedFrom: new Date(Date.now() + 60_000).toISOString() })).totalCount).toBe(0);
    expect((await run({ submittedTo: new Date(Date.now() + 60_000).toISOString() })).totalCount).toBe(5);
  });

  it('finds one enterprise by USCC in any case', async () => {
    const uscc = (await sut.db.dataSource.query('SELECT uscc FROM enterprises WHERE id = $1', [ids[4]]))[0].uscc as string;
    const { data } = await sut.graphql<{ enterpriseByUscc: { id: string } }>('query U($u: String!) { enterpriseByUscc(uscc: $u) { id } }', { u: uscc.toLowerCase() }, admin);
    expect(data?.enterpriseByUscc.id).toBe(ids[4]);
  });

  it('orders the review queue by waiting time and counts by status and industry', async () => {
    const queue = await sut.graphql<{ reviewQueue: Page }>('query { reviewQueue(first: 10) { totalCount items { id } } }', {}, admin);
    expect(queue.data?.reviewQueue.items.map((i) => i.id)).toEqual([ids[0], ids[2], ids[3], ids[4]]);
    const counts = await sut.graphql<{ enterpriseCounts: Array<{ status: string; industry: string; count: number }> }>('query { enterpriseCounts { status industry count } }', {}, admin);
    expect(counts.data?.enterpriseCounts).toContainEqual({ status: 'approved', industry: 'esports', count: 1 });
    expect(counts.data?.enterpriseCounts.reduce((n, c) => n + c.count, 0)).toBe(5);
  });

  it('refuses a page size over 100 and a forged cursor with coded errors', async () => {
    expect((await sut.graphql('query { enterprises(first: 1000) { totalCount } }', {}, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await sut.graphql('query { enterprises(after: "bm9wZQ") { totalCount } }', {}, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
