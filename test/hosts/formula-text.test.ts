import { fileFormula } from "../../src/hosts/xlsx/formula-text";

describe("fileFormula: future functions get _xlfn., quoted text stays as typed", () => {
  test("each future function is prefixed, wherever it is nested", () => {
    expect(fileFormula("SUM(RANK.EQ(A1,B:B))+IFS(A1>1,2)")).toBe("SUM(_xlfn.RANK.EQ(A1,B:B))+_xlfn.IFS(A1>1,2)");
    expect(fileFormula('NUMBERVALUE("1,5")*RANK.AVG(1,A:A)&CONCAT("a",TEXTJOIN(",",1,A1))')).toBe(
      '_xlfn.NUMBERVALUE("1,5")*_xlfn.RANK.AVG(1,A:A)&_xlfn.CONCAT("a",_xlfn.TEXTJOIN(",",1,A1))',
    );
  });

  test("names inside string literals and quoted sheet names, and longer names ending alike, are left alone", () => {
    expect(fileFormula(`IF(A1="RANK.EQ(",RANK.EQ(B2,'RANK.EQ( x''s'!B:B),"a""IFS(")`)).toBe(`IF(A1="RANK.EQ(",_xlfn.RANK.EQ(B2,'RANK.EQ( x''s'!B:B),"a""IFS(")`);
    expect(fileFormula("XIFS(1)+MYCONCAT(2)")).toBe("XIFS(1)+MYCONCAT(2)");
    expect(fileFormula("SUM(A1:A9)")).toBe("SUM(A1:A9)");
  });
});
