"""Carrying out an approved application in Azərişıq's billing: the command written with the
approval (an outbox row, `models`), sent by a worker until billing confirms or refuses
(`services`, `tasks`); billing's confirmation is what makes the application done."""
