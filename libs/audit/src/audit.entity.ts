import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('audit_log')
export class AuditEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'actor_type' }) actorType: string;
  @Column('text', { name: 'actor_id' }) actorId: string;
  @Column('text', { name: 'actor_role' }) actorRole: string;
  @Column('text', { name: 'request_id', nullable: true }) requestId: string | null;
  @Column('text') action: string;
  @Column('text', { name: 'resource_type' }) resourceType: string;
  @Column('text', { name: 'resource_id' }) resourceId: string;
  @Column('jsonb', { nullable: true }) before: unknown;
  @Column('jsonb', { nullable: true }) after: unknown;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
