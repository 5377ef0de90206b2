import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventEntity } from './event.entity';
import { GetEventHandler, ListEventsHandler } from './events.queries';

@Module({ imports: [TypeOrmModule.forFeature([EventEntity])], providers: [ListEventsHandler, GetEventHandler] })
export class EventsModule {}
