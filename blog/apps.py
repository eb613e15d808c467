from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from blog.wordpress import addresses
        from clinic import registries

        registries.legacy_address_resolvers.register("wordpress", addresses.resolve)
