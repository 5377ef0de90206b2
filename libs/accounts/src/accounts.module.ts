import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateAccountHandler } from './commands/create-account/create-account.handler';
import { UpdateAccountHandler } from './commands/update-account/update-account.handler';
import { AccountEntity } from './persistence/account.entity';
import { AccountRepository } from './persistence/account.repository';
import { GetAccountHandler } from './queries/get-account/get-account.handler';
import { ListAccountsHandler } from './queries/list-accounts/list-accounts.handler';

@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity])],
  providers: [AccountRepository, CreateAccountHandler, UpdateAccountHandler, GetAccountHandler, ListAccountsHandler],
})
export class AccountsModule {}
