import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateAccountHandler } from './commands/create-account/create-account.handler';
import { UpdateAccountHandler } from './commands/update-account/update-account.handler';
import { AccountEntity } from './persistence/account.entity';
import { AccountRepository } from './persistence/account.repository';
import { GetAccountHandler, ListAccountsHandler } from './queries/account.queries';

@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity])],
  providers: [AccountRepository, CreateAccountHandler, UpdateAccountHandler, GetAccountHandler, ListAccountsHandler],
})
export class AccountsModule {}
