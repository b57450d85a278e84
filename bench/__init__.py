"""The benchmark suite (make bench): the production shape on this machine, loaded and measured.

A Django app only under azerishiq_portal.settings.bench: its management commands, the bare view
and the synthetic registry exist nowhere else.
"""
