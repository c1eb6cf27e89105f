"""FastAPI application and the ckg command line: thin shells over ``queries``."""
