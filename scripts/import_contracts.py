"""An import-linter contract type of Clearsight's own: other contexts reach a context only through
its ``api`` module.

    [importlinter:contract:public-api]
    type = public_api
    contexts = clearsight.concerns  clearsight.cases ...
    allowed_importers = clearsight.urls  clearsight.*.migrations

A module outside a context may import the context's package itself or ``<context>.api`` (and what
``api`` is made of, if it is a package); any other module of the context is private to it. The
contract reads the import graph import-linter builds, so it sees every static import, including the
ones inside functions.
"""

from importlinter import Contract, ContractCheck, fields, output
from importlinter.domain import helpers


class PublicApiContract(Contract):
    type_name = "public_api"

    contexts = fields.ListField(subfield=fields.ModuleField())
    allowed_importers = fields.ListField(subfield=fields.ModuleExpressionField(), required=False)
    api_module = fields.StringField(required=False, default="api")

    def check(self, graph, verbose: bool) -> ContractCheck:
        allowed = {
            module.name
            for module in helpers.module_expressions_to_modules(graph, self.allowed_importers or [], as_packages=True)
        }
        illegal = []
        for context in self.contexts:
            name = context.name
            public = {name, f"{name}.{self.api_module}"}
            public |= {m for m in graph.find_descendants(f"{name}.{self.api_module}")} if f"{name}.{self.api_module}" in graph.modules else set()
            inside = {name} | graph.find_descendants(name)
            for importer in sorted(graph.find_modules_that_directly_import(name, as_package=True) - inside - allowed):
                for imported in sorted(graph.find_modules_directly_imported_by(importer) & (inside - public)):
                    lines = tuple(d["line_number"] for d in graph.get_import_details(importer=importer, imported=imported))
                    illegal.append((importer, imported, lines))
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error("Modules reaching past a context's api module:", bold=False)
        output.new_line()
        for importer, imported, lines in check.metadata["illegal"]:
            output.print_error(f"- {importer} -> {imported} (l.{', '.join(map(str, lines))})", bold=False)
        output.new_line()
        output.print("Add what is needed to the context's api module (functions and plain data), and import that.")
