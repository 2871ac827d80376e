"""Test data factories for editors' accounts (used by every app's tests)."""

import factory
from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    """An account that may sign in (password "pw") but do nothing else until given groups
    or permissions."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.example")
    password = factory.django.Password("pw")

    class Meta:
        model = get_user_model()


class SuperuserFactory(UserFactory):
    """An editor who may do anything in the admin."""

    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True
    is_superuser = True
