import { paginate } from '@billing/core';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditEntity } from '../../audit.entity';
import { toAuditLogEntryView } from '../audit-log-entry.view';
import { ListAuditLogQuery } from './list-audit-log.query';

@QueryHandler(ListAuditLogQuery)
export class ListAuditLogHandler implements IQueryHandler<ListAuditLogQuery> {
  constructor(@InjectRepository(AuditEntity) private readonly entries: Repository<AuditEntity>) {}

  execute({ filters, page }: ListAuditLogQuery) {
    const query = this.entries.createQueryBuilder('entry');
    if (filters.resourceId) query.andWhere('entry.resourceId = :resourceId', { resourceId: filters.resourceId });
    if (filters.actor) query.andWhere('entry.actorId = :actor', { actor: filters.actor });
    return paginate(query, page, toAuditLogEntryView);
  }
}
