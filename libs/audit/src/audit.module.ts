import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntity } from './audit.entity';
import { ListAuditLogHandler } from './queries/list-audit-log/list-audit-log.handler';
import { ChangeWriter } from './change-writer';

/** Global: every lib's command handlers write through the ChangeWriter. */
@Global()
@Module({ imports: [TypeOrmModule.forFeature([AuditEntity])], providers: [ListAuditLogHandler, ChangeWriter], exports: [ChangeWriter] })
export class AuditModule {}
