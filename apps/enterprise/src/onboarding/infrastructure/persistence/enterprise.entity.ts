import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** The `enterprises` row. Money and bytes are bigint/numeric columns read as strings, never floats. */
@Entity({ name: 'enterprises' })
export class EnterpriseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') uscc!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'legal_representative' }) legalRepresentative!: string;
  @Column('text', { name: 'contact_phone' }) contactPhone!: string;
  @Column('text', { name: 'contact_email' }) contactEmail!: string;
  @Column('text') industry!: string;
  @Column('bigint', { name: 'registered_capital_fen' }) registeredCapitalFen!: string;
  @Column('integer', { name: 'planned_bandwidth_mbps' }) plannedBandwidthMbps!: number;
  @Column('numeric', { name: 'planned_monthly_traffic_bytes', precision: 30, scale: 0 }) plannedMonthlyTrafficBytes!: string;
  @Column('integer') headcount!: number;
  @Column('text') status!: string;
  @Column('text', { name: 'applicant_subject' }) applicantSubject!: string;
  @Column('text', { name: 'reviewer_subject', nullable: true }) reviewerSubject!: string | null;
  @Column('text', { name: 'admitted_month', nullable: true }) admittedMonth!: string | null;
  @Column('date', { name: 'exit_date', nullable: true }) exitDate!: string | null;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
