import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFound } from '@billing/kernel';
import { Page, PageRequest, paginate } from '../pagination/pagination';
import { EventEntity, EventView, toEventView } from './event.entity';

export class ListEventsQuery extends Query<Page<EventView>> {
  constructor(
    readonly filters: { type?: string },
    readonly page: PageRequest,
  ) {
    super();
  }
}

export class GetEventQuery extends Query<EventView> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery> {
  constructor(@InjectRepository(EventEntity) private readonly events: Repository<EventEntity>) {}

  execute({ filters, page }: ListEventsQuery) {
    const query = this.events.createQueryBuilder('event');
    if (filters.type) query.andWhere('event.type = :type', { type: filters.type });
    return paginate(query, page, toEventView);
  }
}

@QueryHandler(GetEventQuery)
export class GetEventHandler implements IQueryHandler<GetEventQuery> {
  constructor(@InjectRepository(EventEntity) private readonly events: Repository<EventEntity>) {}

  async execute({ id }: GetEventQuery) {
    const event = await this.events.findOneBy({ id });
    if (!event) throw new NotFound('event', id);
    return toEventView(event);
  }
}
