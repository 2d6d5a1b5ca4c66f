"""The background workers that are alive: each beats every few seconds. A job whose worker stopped
beating (kill -9, power cut, out of memory) is found by `reaper.reap` and failed or retried."""

from django.db import models


class Worker(models.Model):
    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    beat_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "tiến trình nền"
        verbose_name_plural = "tiến trình nền"

    def __str__(self):
        return f"{self.host}:{self.pid}"
