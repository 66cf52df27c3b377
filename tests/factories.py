import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from clearsight.core.models import Membership, Organisation, User

PASSWORD = "A-long-test-password-42"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    kind = Organisation.Kind.COUNCIL
    is_first_responder = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    job_title = "Officer"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


def make_user(organisation, *roles, email=None, with_device=True):
    """A user holding ``roles`` in ``organisation``, with a confirmed authenticator if they need one."""
    user = UserFactory(**({"email": email} if email else {}))
    for role in roles:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    device = None
    if with_device:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    user.test_device = device
    return user


def current_code(device):
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
