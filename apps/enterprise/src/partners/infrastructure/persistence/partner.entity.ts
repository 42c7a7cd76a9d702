import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A registered partner system. Its password is never stored: only Kafka keeps its salted form. */
@Entity({ name: 'partners' })
export class PartnerEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') kind!: string;
  @Column('text', { array: true }) topics!: string[];
  @Column('text') username!: string;
  @Column('text') status!: string;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
  @Column('text', { name: 'registered_by' }) registeredBy!: string;
  @Column('timestamptz', { name: 'credentials_rotated_at', nullable: true }) credentialsRotatedAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('text', { name: 'revoked_reason', nullable: true }) revokedReason!: string | null;
}
