from enum import StrEnum


class AttendeesExportCsvDialect(StrEnum):
    EXCEL = "excel"
    EXCEL_FR = "excel-fr"

    def __str__(self) -> str:
        return str(self.value)
