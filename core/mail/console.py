"""Django's console e-mail backend without the secrets: the terminal's output ends up in log
files, and an e-mail to a citizen carries their document link (whoever holds it opens the
documents). The same line is printed with the address, links and codes masked."""

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

from core.personal_data import email_masked, message_secrets_masked


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message):
        """Print the subject and the masked text (not the MIME source, which may split a link)."""
        recipients = ", ".join(email_masked(address) for address in message.recipients())
        self.stream.write(
            f"[E-mail to {recipients}] {message_secrets_masked(message.subject)}\n"
            f"{message_secrets_masked(message.body)}\n{'-' * 79}\n"
        )
