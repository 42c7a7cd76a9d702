import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One decision in an enterprise's history: who, when, what and why. Never updated. */
@Entity({ name: 'enterprise_decisions' })
export class EnterpriseDecisionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'enterprise_id' }) enterpriseId!: string;
  @Column('text') action!: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus!: string | null;
  @Column('text', { name: 'to_status' }) toStatus!: string;
  @Column('text', { name: 'actor_subject' }) actorSubject!: string;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt!: Date;
}
