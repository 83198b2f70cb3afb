"""Sub-commands of ``minhchung``; every module here is discovered by ``extractor.cli``."""
