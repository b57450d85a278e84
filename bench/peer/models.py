"""The three tables the lookup reads, as a plain project would model them. Unmanaged: the
portal's migrations made them; the peer only reads."""

from django.db import models


class Office(models.Model):
    name = models.CharField(max_length=120)

    class Meta:
        managed = False
        db_table = "subscribers_regionaloffice"

    def __str__(self):
        return self.name


class Application(models.Model):
    number = models.CharField(max_length=15, unique=True)
    kind = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    office = models.ForeignKey(Office, on_delete=models.DO_NOTHING)
    submitted_at = models.DateTimeField()
    due_date = models.DateField(null=True)

    class Meta:
        managed = False
        db_table = "applications_application"

    def __str__(self):
        return self.number


class Event(models.Model):
    application = models.ForeignKey(Application, on_delete=models.DO_NOTHING, related_name="events")
    from_status = models.CharField(max_length=16)
    to_status = models.CharField(max_length=16)
    created_at = models.DateTimeField()

    class Meta:
        managed = False
        db_table = "applications_applicationevent"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application_id}: {self.to_status}"
