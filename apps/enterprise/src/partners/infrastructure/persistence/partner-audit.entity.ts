import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One change to a partner: who, when, what, and the request it came from. Never updated. */
@Entity({ name: 'partner_audit' })
export class PartnerAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'partner_id' }) partnerId!: string;
  @Column('text') action!: string;
  @Column('text', { name: 'actor_subject' }) actorSubject!: string;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('timestamptz') at!: Date;
}
