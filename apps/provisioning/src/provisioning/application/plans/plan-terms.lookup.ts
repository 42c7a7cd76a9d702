import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface PlanVersionTerms {
  planId: string;
  name: string;
  version: number;
  bandwidthMbps: number;
  monthlyIncludedBytes: string;
  parkPriceFenPerGb: string;
  marketPriceFenPerGb: string;
  overagePolicy: string;
}

/**
 * The terms of the plan version an allocation is on. The catalogue is small
 * (tens of versions): it is read once per request, not once per allocation.
 */
@Injectable()
export class PlanTermsLookup {
  private readonly perRequest = new WeakMap<object, Promise<Map<string, PlanVersionTerms>>>();

  constructor(private readonly dataSource: DataSource) {}

  /** `request` is any object that lives as long as the request (the GraphQL context). */
  async terms(planId: string, version: number, request: object): Promise<PlanVersionTerms | undefined> {
    let catalogue = this.perRequest.get(request);
    if (!catalogue) {
      catalogue = this.load();
      this.perRequest.set(request, catalogue);
    }
    return (await catalogue).get(`${planId}/${version}`);
  }

  private async load(): Promise<Map<string, PlanVersionTerms>> {
    const rows: Array<{ plan_id: string; name: string; version: number; bandwidth_mbps: number; monthly_included_bytes: string; park_price_fen_per_gb: string; market_price_fen_per_gb: string; overage_policy: string }> = await this.dataSource.query(
      `SELECT pv.plan_id, p.name, pv.version, pv.bandwidth_mbps, pv.monthly_included_bytes::text, pv.park_price_fen_per_gb::text, pv.market_price_fen_per_gb::text, pv.overage_policy
         FROM plan_versions pv JOIN plans p ON p.id = pv.plan_id`,
    );
    return new Map(
      rows.map((r) => [
        `${r.plan_id}/${r.version}`,
        { planId: r.plan_id, name: r.name, version: r.version, bandwidthMbps: r.bandwidth_mbps, monthlyIncludedBytes: r.monthly_included_bytes, parkPriceFenPerGb: r.park_price_fen_per_gb, marketPriceFenPerGb: r.market_price_fen_per_gb, overagePolicy: r.overage_policy },
      ]),
    );
  }
}
