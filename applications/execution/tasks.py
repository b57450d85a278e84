"""Sending the approved applications' commands to billing (queue `celery`, with housekeeping)."""

from celery import shared_task

from applications.execution.services import billing_command_send, billing_commands_sweep


@shared_task(ignore_result=True)
def billing_command_send_task(command_id: int) -> None:
    """Send one billing command if it is due and nobody else is sending it (safe to run twice)."""
    billing_command_send(command_id=command_id)


@shared_task(ignore_result=True)
def billing_commands_sweep_task() -> int:
    """Re-publish commands left pending (broker down at commit, lost task) or stuck mid-send."""
    return billing_commands_sweep()
