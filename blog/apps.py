from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from blog.compliance import article_texts
        from blog.models import Article
        from clinic.registries import compliance_texts

        compliance_texts.register(Article, article_texts)
