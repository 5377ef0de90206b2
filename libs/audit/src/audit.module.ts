import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntity } from './audit.entity';
import { ListAuditLogHandler } from './audit-log.query';

@Module({ imports: [TypeOrmModule.forFeature([AuditEntity])], providers: [ListAuditLogHandler] })
export class AuditModule {}
