"""Reading the data files (actuals, surveys, customer counts) on one CSV core, with every bad
row named by file, line and column.

Accepted as spreadsheets export them: UTF-8 with or without BOM, CRLF or LF, `,` or `;` or tab
as the delimiter (sniffed from the header), and a decimal comma when the delimiter is `;`
(Excel in many European locales). A file in another encoding is refused with the way out
("save as CSV UTF-8"). All problems of all files are collected before anything is reported.
"""

from journeymap.readers.actuals import Actual, read_actuals
from journeymap.readers.customers import CustomerCounts, read_customers
from journeymap.readers.surveys import SurveyRow, read_surveys
from journeymap.readers.table import (
    EMPTY,
    MAX_SUGGESTIONS,
    MAX_VALUE,
    NOT_UTF8,
    StandardIndex,
    Table,
    csv_files,
    missing_message,
    read_header,
    twice_message,
)

__all__ = ["EMPTY", "MAX_SUGGESTIONS", "MAX_VALUE", "NOT_UTF8", "Actual", "CustomerCounts",
           "StandardIndex", "SurveyRow", "Table", "csv_files", "missing_message",
           "read_actuals", "read_customers", "read_header", "read_surveys", "twice_message"]
