"""Discussion (trao đổi) on a task or a petition: comments with files and mentions of people or units.
A comment belongs to its object as an event does (content type and id), so the apps that own the
objects decide who may take part and this app keeps no rule of theirs."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from dieuhanh.org.models import Unit


class Comment(models.Model):
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name="người viết")
    text = models.TextField("nội dung")
    mentioned_users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True,
                                             verbose_name="người được nhắc đến")
    mentioned_units = models.ManyToManyField(Unit, related_name="+", blank=True, verbose_name="đơn vị được nhắc đến")
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField("sửa lúc", null=True, blank=True)
    # Every version of the text stays readable in the history, edits included.
    history = HistoricalRecords(m2m_fields=[mentioned_users, mentioned_units])

    class Meta:
        verbose_name = "ý kiến trao đổi"
        verbose_name_plural = "ý kiến trao đổi"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"], name="comment_target")]

    def __str__(self):
        return self.text[:60]


class CommentFile(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="trao-doi/%Y/%m/")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    history = HistoricalRecords()
