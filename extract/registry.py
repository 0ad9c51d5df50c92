"""The dimensions of the pipeline, in one place. Adding a type: its module in extract/,
its rules in patterns/<dimension>/, its examples in tests/specs/, and a line here."""
from .quantities import Quantities

DIMENSIONS = {
    "quantities": Quantities,
}
