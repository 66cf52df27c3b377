"""Models: see the module docstring of each class."""
