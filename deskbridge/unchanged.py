"""A marker for an update's arguments that were left out, where None means something of its
own (no owner, no project, no due day): such a field keeps its stored value."""

from enum import Enum


class Keep(Enum):
    KEEP = "keep"


KEEP = Keep.KEEP
